import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FindingSink, openPackage, OpenedPackage, Severity, validatePackage } from '@samarkiv/information-package';
import { SHARED_DIR } from '../../../test/support/shared-dir';
import { expectFinding, replaceOnce as r } from './support/expect-finding';
import { useTempDir } from './support/temp-dir';

interface Case {
  id: string;
  severity: Severity;
  why: string;
  edit?: (xml: string) => string;
  after?: (root: string) => void;
}

const CASES: Case[] = [
  { id: 'FGS2', severity: 'error', why: 'no OBJID', edit: (x) => r(x, /OBJID="[^"]*" /, '') },
  { id: 'FGS3', severity: 'error', why: 'profile is not the FGS profile', edit: (x) => r(x, 'version11/CommonSpecificationSwedenPackageProfile.xml', 'profile.xml') },
  { id: 'FGS4', severity: 'error', why: 'no TYPE', edit: (x) => r(x, 'TYPE="Unstructured" ', '') },
  { id: 'FGS5', severity: 'error', why: 'no CREATEDATE', edit: (x) => r(x, /CREATEDATE="[^"]*" /, '') },
  { id: 'FGS6', severity: 'error', why: 'no ext:OAISSTATUS', edit: (x) => r(x, 'ext:OAISSTATUS="SIP" ', '') },
  { id: 'FGS7', severity: 'error', why: 'no archivist organisation', edit: (x) => r(x, /<mets:agent ROLE="ARCHIVIST" TYPE="ORGANIZATION">[\s\S]*?<\/mets:agent>/, '') },
  { id: 'FGS8', severity: 'error', why: 'no creator agent', edit: (x) => x.replace(/<mets:agent ROLE="CREATOR"[\s\S]*?<\/mets:agent>/g, '') },
  { id: 'FGS9', severity: 'warning', why: 'archivist without ORG: note' },
  { id: 'FGS10', severity: 'error', why: 'file without MIMETYPE', edit: (x) => r(x, 'MIMETYPE="application/pdf" ', '') },
  { id: 'FGS10', severity: 'error', why: 'checksum mismatch', after: (root) => appendFileSync(join(root, 'content/analys2y16f12.pdf'), '%') },
  { id: 'FGS11', severity: 'error', why: 'FLocat LOCTYPE', edit: (x) => r(x, 'LOCTYPE="URL"', 'LOCTYPE="URN"') },
  { id: 'FGS11', severity: 'error', why: 'FLocat to a missing file', edit: (x) => r(x, 'content/analys2y16f12.pdf', 'content/missing.pdf') },
  { id: 'FGS12', severity: 'error', why: 'no structMap', edit: (x) => r(x, /<mets:structMap[\s\S]*<\/mets:structMap>/, '') },
  { id: 'FGS13', severity: 'warning', why: 'unlisted file', after: (root) => writeFileSync(join(root, 'content/extra.txt'), 'x') },
];

describe('FGS Paketstruktur 1.x rules: one broken package per rule', () => {
  const tmp = useTempDir('fgs-rules');
  let opened: OpenedPackage;

  beforeAll(async () => {
    opened = await openPackage(join(SHARED_DIR, 'samples/fgs/af268c33-5ba8-4af5-9a44-039b10126835.tar'), new FindingSink(), { stagingDir: tmp() });
  });
  afterAll(() => opened.dispose());

  it.each(CASES.map((c, i) => [c.id, c.why, i] as const))('%s (%s)', async (_id, _why, i) => {
    const c = CASES[i];
    const root = join(tmp(), `case-${i}`, 'af268c33');
    cpSync(opened.root as string, root, { recursive: true });
    const mets = join(root, 'mets.xml');
    if (c.edit) writeFileSync(mets, c.edit(readFileSync(mets, 'utf8')));
    c.after?.(root);
    const result = await validatePackage(root);
    expect(result.kind).toBe('FGS 1.x');
    expectFinding(result, c.id, c.severity);
    if (c.severity === 'error') expect(result.valid).toBe(false);
  });
});
