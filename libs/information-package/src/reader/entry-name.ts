import { TextDecoder } from 'node:util';
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export type EntryNameCheck = { ok: true; path: string; isDir: boolean } | { ok: false; code: 'READ-TRAVERSAL' | 'READ-NAME'; reason: string };

/** Decodes raw entry-name bytes as strict UTF-8 (no lossy replacement). */
export function decodeUtf8Name(raw: Buffer): string | undefined {
  try {
    return UTF8.decode(raw);
  } catch {
    return undefined;
  }
}

/**
 * Normalises a container entry name to a safe relative POSIX path, or says why it is unsafe.
 * Rejecting instead of "sanitising" is deliberate: a producer must see that its archive is broken.
 */
export function checkEntryName(name: string, maxLength: number): EntryNameCheck {
  if (name.length === 0) return { ok: false, code: 'READ-NAME', reason: 'empty entry name' };
  if (name.length > maxLength) return { ok: false, code: 'READ-NAME', reason: `entry name longer than ${maxLength} characters` };
  if (name.includes('\uFFFD')) return { ok: false, code: 'READ-NAME', reason: 'entry name is not valid UTF-8' };
  if (/[\u0000-\u001f\u007f]/.test(name)) return { ok: false, code: 'READ-NAME', reason: 'entry name contains control characters' };
  if (name.includes('\\')) return { ok: false, code: 'READ-NAME', reason: 'entry name contains a backslash (Windows path separator)' };
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return { ok: false, code: 'READ-TRAVERSAL', reason: 'absolute path' };
  const isDir = name.endsWith('/');
  const trimmed = isDir ? name.slice(0, -1) : name;
  const segments = trimmed.split('/');
  for (const segment of segments) {
    if (segment === '..') return { ok: false, code: 'READ-TRAVERSAL', reason: 'path traversal ("..")' };
    if (segment === '' || segment === '.') return { ok: false, code: 'READ-NAME', reason: 'empty or "." path segment' };
  }
  return { ok: true, path: segments.join('/'), isDir };
}
