import { join } from 'node:path';
import { validatePackage } from '../validate/package.validator';
import { SHARED_DIR } from '../../../../test/support/shared-dir';
import { buildSip } from './sip.builder';
import { makeSourceFolder, sipOptions, tempDir } from './testing/fixtures.test-helper';

const CATALOG = join(SHARED_DIR, 'schemas', 'catalog.xml');

/** What our writers produce must pass our own validator with no error finding. */
describe('SIP builder output against the package validator', () => {
  it.each([
    ['folder, with schemas from the catalog', { schemaCatalog: CATALOG }],
    ['ZIP, with schemas from the catalog', { schemaCatalog: CATALOG, format: 'zip' as const }],
    ['folder, without a catalog', {}],
  ])('%s: valid, no errors', async (_name, overrides) => {
    const sip = await buildSip(sipOptions(tempDir('roundtrip'), makeSourceFolder(), overrides));
    const result = await validatePackage(sip.path, { catalog: CATALOG, stagingDir: tempDir('staging') });
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.kind).toBe('E-ARK SIP');
    expect(result.version).toBe('2.2.0');
  });
});
