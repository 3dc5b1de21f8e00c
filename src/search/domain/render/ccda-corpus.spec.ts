import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { childElements, readXmlTree, textOf, XmlElement, XmlNotWellFormed } from '@samarkiv/records';
import { SHARED_DIR } from '../../../../test/support/shared-dir';
import { HL7_NS } from './narrative';
import { renderRecordHtml } from './record.renderer';
import { activeMarkup, PATIENT_TYPE, testRecord } from './render.test-helper';

const CCDA_DIR = join(SHARED_DIR, 'samples/ehr/ccda');
const files = readdirSync(CCDA_DIR, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.xml$/i.test(e.name))
  .map((e) => join(e.parentPath, e.name))
  .sort();

/** Every section title of a document, nested sections too, as the renderer should show it (escaped). */
function sectionTitles(doc: XmlElement): string[] {
  const titles: string[] = [];
  const walk = (el: XmlElement) => {
    for (const c of childElements(el, 'component', HL7_NS)) {
      for (const s of childElements(c, 'section', HL7_NS)) {
        const title = childElements(s, 'title', HL7_NS)[0];
        const text = title ? textOf(title).replace(/\s+/g, ' ').trim() : '';
        if (text) titles.push(text);
        walk(s);
      }
    }
  };
  for (const c of childElements(doc, 'component', HL7_NS)) for (const body of childElements(c, 'structuredBody', HL7_NS)) walk(body);
  return titles;
}

const escaped = (s: string) => s.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Real exports from 52 EHR products (shared/samples/ehr/ccda, see its README): every well-formed one renders inert, titles intact. */
describe('C-CDA corpus rendering', () => {
  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(160);
  });

  it.each(files.map((f) => [relative(CCDA_DIR, f), f]))('%s', (_name, file) => {
    const data = readFileSync(file);
    let doc: XmlElement;
    try {
      doc = readXmlTree(data);
    } catch (e) {
      // Not well-formed (the README names one such export): the fallback page must still be inert.
      expect(e).toBeInstanceOf(XmlNotWellFormed);
      const html = renderRecordHtml({ type: PATIENT_TYPE, record: testRecord(), original: data, locale: 'sv' });
      expect(html).toContain('Originalfilen kunde inte läsas');
      expect(activeMarkup(html)).toEqual([]);
      return;
    }
    const html = renderRecordHtml({ type: PATIENT_TYPE, record: testRecord(), original: data, locale: 'sv' });
    expect(activeMarkup(html)).toEqual([]);
    expect(html).not.toMatch(/<script|\son[a-z]+=|javascript:[^<]*>/i);
    const titles = sectionTitles(doc);
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) expect(html).toContain(`>${escaped(title)}</h`);
  });
});
