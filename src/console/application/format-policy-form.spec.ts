import { parsePolicyLines } from './format-policy-form';

describe('format policy lines', () => {
  it('reads one PUID and decision per line, skipping blanks and comments', () => {
    expect(parsePolicyLines('fmt/95 accept\n\n# PDF\r\nfmt/276   accept-with-warning  # plain\n')).toEqual({ 'fmt/95': 'accept', 'fmt/276': 'accept-with-warning' });
  });

  it('names the line that is not "PUID decision"', () => {
    expect(() => parsePolicyLines('fmt/95 accept\nfmt/276')).toThrow('Line 2');
  });
});
