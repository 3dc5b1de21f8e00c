import { posix } from 'node:path';

const XS_DATETIME = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/;

export function isXsDateTime(value: string | undefined): boolean {
  return value !== undefined && XS_DATETIME.test(value.trim());
}

export function isNonNegativeInteger(value: string | undefined): boolean {
  return value !== undefined && /^\d+$/.test(value.trim());
}

export type HrefResolution =
  | { ok: true; path: string; plusDecoded: boolean }
  | { ok: false; reason: string };

/**
 * Resolves an xlink:href to a path relative to the package root. Accepts plain relative paths,
 * "file:" forms (file:data/x, file:///content/x as FGS 1.x writes them) and percent-encoding;
 * "+" for space (form encoding, seen in commons-ip output) is tried only when the literal path is missing.
 */
export function resolveHref(href: string, baseDir: string, exists: (path: string) => boolean, fgsRooted = false): HrefResolution {
  let raw = href.trim();
  if (raw === '') return { ok: false, reason: 'empty href' };
  let rooted = false;
  const fileUrl = /^file:(\/\/\/?)?/i.exec(raw);
  if (fileUrl) {
    rooted = fgsRooted && fileUrl[1] !== undefined;
    raw = raw.slice(fileUrl[0].length);
  } else if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(raw)) {
    return { ok: false, reason: `"${href}" is not a relative file path inside the package` };
  }
  if (raw.startsWith('/')) {
    if (!fgsRooted) return { ok: false, reason: `"${href}" is an absolute path; use a path relative to the METS file` };
    rooted = true;
    raw = raw.replace(/^\/+/, '');
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { ok: false, reason: `"${href}" has invalid percent-encoding` };
  }
  const joined = posix.normalize(posix.join(rooted ? '' : baseDir, decoded));
  if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)) {
    return { ok: false, reason: `"${href}" points outside the package` };
  }
  if (!exists(joined) && raw.includes('+')) {
    const plus = posix.normalize(posix.join(rooted ? '' : baseDir, decoded.replace(/\+/g, ' ')));
    if (exists(plus)) return { ok: true, path: plus, plusDecoded: true };
  }
  return { ok: true, path: joined, plusDecoded: false };
}
