import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SipBuildOptions } from '../sip.options';

export const FIXED_CLOCK = (): Date => new Date('2026-01-02T03:04:05.678Z');

/** Names that need escaping in XML and encoding in URLs, plus Swedish letters. */
export const AWKWARD_NAME = 'Protokoll & <beslut> "2024" – å ä ö.txt';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `pw-${prefix}-`));
}

export function makeSourceFolder(): string {
  const dir = tempDir('src');
  mkdirSync(join(dir, 'undermapp med mellanslag'), { recursive: true });
  writeFileSync(join(dir, AWKWARD_NAME), 'Sammanträdesprotokoll, Region Östergötland\n');
  writeFileSync(join(dir, 'undermapp med mellanslag', 'journal.pdf'), Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\n%%EOF\n', 'latin1'));
  writeFileSync(join(dir, 'data#1%.csv'), 'id;namn\n1;Åsa\n');
  return dir;
}

export function sipOptions(outputDir: string, source: string, overrides: Partial<SipBuildOptions> = {}): SipBuildOptions {
  return {
    objid: 'sip-2026-0001',
    outputDir,
    label: 'Journaler & <protokoll> "Vård" – Region Örebro län',
    contentCategory: 'Datasets',
    contentInformationType: 'MIXED',
    representations: [{ name: 'rep1', sourceDir: source }],
    agents: {
      archivalCreator: { name: 'Region Örebro län & Co', organisationNumber: '232100-0164' },
      submittingAgent: { name: 'Regionarkivet <Örebro>', organisationNumber: '232100-0164' },
      contactPersons: [{ name: 'Åsa Öberg', contactInformation: ['Tel: 019-123 45', 'E-post: asa.oberg@example.se'] }],
      preservationAgent: { name: 'Samarkiv', identificationCode: 'ID:samarkiv' },
    },
    submissionAgreement: 'RA 13-2011/5329; 2012-04-12',
    referenceCode: 'SE/ÖLA/12345',
    clock: FIXED_CLOCK,
    durable: false,
    ...overrides,
  };
}
