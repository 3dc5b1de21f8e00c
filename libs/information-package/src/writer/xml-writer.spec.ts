import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XmlWriter, escapeXmlAttribute, escapeXmlText } from './xml-writer';
import { parseXml } from './testing/xml-tree.test-helper';

describe('XmlWriter', () => {
  const nasty = 'A & B <c> "d" \'e\' ]]> å ä ö Å Ä Ö \u{1F600}';

  it('escapes markup characters in text and attributes', () => {
    expect(escapeXmlText('a & b < c > d "e"')).toBe('a &amp; b &lt; c &gt; d "e"');
    expect(escapeXmlAttribute('a & b < c > d "e"')).toBe('a &amp; b &lt; c &gt; d &quot;e&quot;');
  });

  it('keeps tabs, line breaks and carriage returns in attributes as character references', () => {
    expect(escapeXmlAttribute('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
    expect(escapeXmlText('a\r\nb')).toBe('a&#13;\nb');
  });

  it('replaces characters XML 1.0 cannot carry, including lone surrogates', () => {
    expect(escapeXmlText('a\u0000b\u0007c\uFFFEd\uD800e')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe');
    expect(escapeXmlText('\u{1F600}')).toBe('\u{1F600}');
  });

  it('writes a UTF-8 document with a declaration that round-trips any string and that xmllint accepts', () => {
    const xml = new XmlWriter().open('root', { label: nasty, empty: '', skipped: undefined }).leaf('item', { n: 1 }, nasty).leaf('empty').close().toString();
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const doc = parseXml(xml);
    expect(doc.attrs).toEqual({ label: nasty, empty: '' });
    expect(doc.children[0].text).toBe(nasty);
    const file = join(mkdtempSync(join(tmpdir(), 'pw-xml-')), 'doc.xml');
    writeFileSync(file, xml, 'utf8');
    expect(spawnSync('xmllint', ['--noout', file]).status).toBe(0);
  });

  it('refuses to serialise unbalanced documents', () => {
    expect(() => new XmlWriter().open('a').toString()).toThrow(/unclosed/);
    expect(() => new XmlWriter().close()).toThrow();
  });
});
