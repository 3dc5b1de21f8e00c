import { DomainError, ErrorKind } from '../../platform/errors/domain.error';

/**
 * The policy's format list as people type it: one `PUID decision` per line (`fmt/95 accept`);
 * blank lines and `#` comments are ignored. The decisions themselves are checked by the policy parser.
 */
export function parsePolicyLines(text: string): Record<string, string> {
  const formats: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const parts = line.split(/\s+/);
    if (parts.length !== 2) throw new DomainError('CONSOLE_INVALID_FORM', ErrorKind.Invalid, `Line ${i + 1}: write "PUID decision", e.g. "fmt/95 accept"`);
    formats[parts[0]] = parts[1];
  });
  return formats;
}
