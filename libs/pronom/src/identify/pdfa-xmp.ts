/** PDF versions PRONOM registers as plain PDF, which an XMP pdfaid declaration refines. */
export const PLAIN_PDF_PUIDS = new Set(['fmt/14', 'fmt/15', 'fmt/16', 'fmt/17', 'fmt/18', 'fmt/19', 'fmt/20', 'fmt/276', 'fmt/1129']);

/** PDF/A PUIDs by part and conformance level, as registered in PRONOM. */
const PDFA_PUIDS: Record<string, string> = {
  '1A': 'fmt/95',
  '1B': 'fmt/354',
  '2A': 'fmt/476',
  '2B': 'fmt/477',
  '2U': 'fmt/478',
  '3A': 'fmt/479',
  '3B': 'fmt/480',
  '3U': 'fmt/481',
  '4': 'fmt/1910',
  '4E': 'fmt/1911',
  '4F': 'fmt/1912',
};

/** XMP writes properties either as attributes (pdfaid:part="1") or as elements (<pdfaid:part>1<). */
const PART = /pdfaid:part\s*(?:=\s*["']|>)\s*(\d)/;
const CONFORMANCE = /pdfaid:conformance\s*(?:=\s*["']|>)\s*([A-Za-z])/;

/**
 * Reads the PDF/A claim from XMP metadata in the given bytes. The claim is what the file says
 * about itself, not a validation; PRONOM's own PDF/A signatures rest on the same claim.
 */
export function pdfaPuidFromXmp(...windows: Buffer[]): string | null {
  for (const buf of windows) {
    const at = buf.indexOf('pdfaid');
    if (at < 0) continue;
    const text = buf.toString('latin1', Math.max(0, at - 2048), Math.min(buf.length, at + 4096));
    const part = PART.exec(text)?.[1];
    if (!part) continue;
    const level = CONFORMANCE.exec(text)?.[1]?.toUpperCase() ?? '';
    return PDFA_PUIDS[part + level] ?? PDFA_PUIDS[part] ?? null;
  }
  return null;
}
