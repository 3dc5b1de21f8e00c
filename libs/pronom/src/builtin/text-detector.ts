/** How much of a file the text check looks at; a decision on a sample is what `file` does too. */
const SAMPLE = 64 * 1024;

export type TextEncoding = 'UTF-8' | 'ISO-8859-1';

/**
 * Decides whether bytes look like plain text: valid UTF-8 (a multibyte sequence cut at the
 * sample edge is allowed) or ISO 8859-1 without control codes other than tab, CR, LF and FF.
 */
export function detectText(buf: Buffer): TextEncoding | null {
  const n = Math.min(buf.length, SAMPLE);
  if (n === 0) return null;
  let utf8 = true;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return null;
    if (b === 0x7f) return null;
    if (b < 0x80 || !utf8) continue;
    const len = b >= 0xf5 ? 0 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 0;
    if (len === 0) {
      utf8 = false;
      continue;
    }
    for (let k = 1; k < len; k++) {
      if (i + k >= n) break;
      if ((buf[i + k] & 0xc0) !== 0x80) {
        utf8 = false;
        break;
      }
    }
    if (utf8) i += len - 1;
  }
  if (utf8) return 'UTF-8';
  // C1 control codes (0x80–0x9F) do not occur in ISO 8859-1 text.
  for (let i = 0; i < n; i++) if (buf[i] >= 0x80 && buf[i] < 0xa0) return null;
  return 'ISO-8859-1';
}

/** A CSV sample has the same number (>0) of delimiters on its first lines. */
export function looksLikeCsv(buf: Buffer): boolean {
  const lines = buf.toString('latin1', 0, Math.min(buf.length, 8192)).split(/\r?\n/).filter((l) => l.length > 0).slice(0, 10);
  if (lines.length < 2) return false;
  for (const sep of [',', ';', '\t']) {
    const counts = lines.map((l) => l.split(sep).length - 1);
    if (counts[0] > 0 && counts.every((c) => c === counts[0])) return true;
  }
  return false;
}
