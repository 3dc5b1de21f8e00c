import { arrayLiteral, copyField, copyLine } from './copy-text';

describe('COPY text encoding', () => {
  it('escapes the characters COPY treats specially and leaves the rest as is', () => {
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField('Vårdenhet "7" \\. \\N')).toBe('Vårdenhet "7" \\\\. \\\\N');
    expect(copyField('')).toBe('');
  });

  it('writes NULL as \\N and never confuses it with the text "\\N"', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField('\\N')).toBe('\\\\N');
  });

  it('quotes every array element, so none reads as NULL, splits or loses a quote', () => {
    expect(arrayLiteral([])).toBe('{}');
    expect(arrayLiteral(['NULL', 'a,b', 'say "hi"', 'back\\slash', '{x}'])).toBe('{"NULL","a,b","say \\"hi\\"","back\\\\slash","{x}"}');
    // The array literal's own backslashes are escaped again for COPY.
    expect(copyField(['a\\b'])).toBe('{"a\\\\\\\\b"}');
  });

  it('writes JSON values as their text, escaped for COPY', () => {
    expect(copyField({ json: { text: 'rad 1\nrad 2' } })).toBe('{"text":"rad 1\\\\nrad 2"}');
  });

  it('joins fields with tabs and ends the line', () => {
    expect(copyLine(['a', null, ['x']])).toBe('a\t\\N\t{"x"}\n');
  });
});
