import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CSIP_METS_REQUIREMENTS, levelOf, requirement, SIP_METS_REQUIREMENTS, vocabularies } from '@samarkiv/information-package';
import { SHARED_DIR } from '../../../test/support/shared-dir';

const { ALT_RECORD_ID_TYPES, CONTENT_CATEGORIES, CONTENT_INFORMATION_TYPES, OAIS_PACKAGE_TYPES, RECORD_STATUSES } = vocabularies;

function profileRequirements(file: string): Map<string, string> {
  const xml = readFileSync(join(SHARED_DIR, 'schemas/eark-profiles', file), 'utf8');
  const out = new Map<string, string>();
  for (const [tag] of xml.matchAll(/<requirement\s[^>]*>/g)) {
    const id = /\bID="([^"]+)"/.exec(tag)?.[1];
    const level = /\bREQLEVEL="([A-Z]+)"/.exec(tag)?.[1];
    if (id && level && !id.startsWith('REF_')) out.set(id, level);
  }
  return out;
}

function terms(file: string): string[] {
  const xml = readFileSync(join(SHARED_DIR, 'schemas', file), 'utf8');
  return [...xml.matchAll(/<Term[^>]*>\s*([^<]*?)\s*<\/Term>/g)].map((m) => m[1]);
}

describe('requirement table and vocabularies match the DILCIS profiles', () => {
  it.each([
    ['E-ARK-CSIP-v2-2-0.xml', CSIP_METS_REQUIREMENTS, '2.2.0'],
    ['E-ARK-SIP-v2-2-0.xml', SIP_METS_REQUIREMENTS, '2.2.0'],
    ['E-ARK-CSIP-v2-1-0.xml', CSIP_METS_REQUIREMENTS, '2.1.0'],
    ['E-ARK-SIP-v2-1-0.xml', SIP_METS_REQUIREMENTS, '2.1.0'],
  ])('%s: same ids, same levels', (file, table, version) => {
    const profile = profileRequirements(file);
    expect(new Set(table.map((r) => r.id))).toEqual(new Set(profile.keys()));
    for (const [id, level] of profile) expect([id, levelOf(id, version)]).toEqual([id, level]);
  });

  it('knows the structure requirements CSIPSTR1-16 with their levels', () => {
    expect(requirement('CSIPSTR1')?.level).toBe('MUST');
    expect(requirement('CSIPSTR4')?.level).toBe('MUST');
    expect(requirement('CSIPSTR12')?.level).toBe('SHOULD');
    expect(requirement('CSIPSTR16')?.level).toBe('SHOULD');
  });

  it.each([
    ['eark-csip/CSIPVocabularyContentCategory.xml', CONTENT_CATEGORIES],
    ['eark-csip/CSIPVocabularyContentInformationType.xml', CONTENT_INFORMATION_TYPES],
    ['eark-csip/CSIPVocabularyOAISPackageType.xml', OAIS_PACKAGE_TYPES],
    ['eark-sip/SIPVocabularyRecordStatus.xml', RECORD_STATUSES],
    ['eark-sip/SIPVocabularyRecordIDType.xml', ALT_RECORD_ID_TYPES],
  ])('%s', (file, list) => {
    expect([...list].sort()).toEqual(terms(file).sort());
  });
});
