import { appendFileSync, linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { RequestContext } from '../../platform/context';
import type { PreservationFacade, StoreObjectRequest } from '../../preservation/preservation.facade';
import { DeliveryWorkspace } from '../application/delivery-workspace';
import { fingerprintOf } from '../application/file-fingerprint';
import { DeliveryEntity } from '../domain/delivery.entity';
import { BuiltAip } from './build-aip.stage';
import { writeState } from './stage-state';
import { StoreStage } from './store.stage';

const sha = (algorithm: string, data: string) => createHash(algorithm).update(data).digest('hex');

/** Which AIP files the store stage offers for adoption (hard link) and which it has copied. */
describe('StoreStage', () => {
  let staging: string;
  let ws: DeliveryWorkspace;
  let request: StoreObjectRequest | undefined;
  const preservation = {
    storeObject: async (_ctx: RequestContext, req: StoreObjectRequest) => {
      request = req;
      return { objectId: req.objectId, version: 'v1', fileCount: req.files.length, totalBytes: 0, copies: [{ location: 'primary', verifiedAt: new Date() }] };
    },
  } as unknown as PreservationFacade;
  const delivery = { id: 'd1', tenantId: 'region-a', aipId: 'aip-1', informationTypeId: 'documents', sourceSystem: 'Filserver' } as DeliveryEntity;
  const content = 'Registerutdrag';

  beforeEach(async () => {
    staging = mkdtempSync(join(tmpdir(), 'store-stage-'));
    ws = new DeliveryWorkspace(staging, delivery.id);
    const sipDir = join(ws.unpacked, 'package-x', 'sip-1', 'representations', 'rep1', 'data');
    const aipDir = join(ws.aipParent, 'aip-1', 'submission', 'sip-1', 'representations', 'rep1', 'data');
    mkdirSync(sipDir, { recursive: true });
    mkdirSync(aipDir, { recursive: true });
    writeFileSync(join(sipDir, 'a.txt'), content);
    linkSync(join(sipDir, 'a.txt'), join(aipDir, 'a.txt'));
    writeFileSync(join(ws.aipParent, 'aip-1', 'METS.xml'), '<mets/>');
    await writeState(ws.unpackState, { root: 'unpacked/package-x/sip-1', container: 'tar', bytes: 1, sha256: 'x' });
    const digests = { 'SHA-256': sha('sha256', content), 'SHA-512': sha('sha512', content) };
    await writeState(ws.fileDigests, { 'representations/rep1/data/a.txt': { size: content.length, digests, fingerprint: fingerprintOf(join(sipDir, 'a.txt')) } });
    const built: BuiltAip = {
      root: 'aip/aip-1',
      objid: 'urn:uuid:aip-1',
      bytes: content.length + 7,
      files: [
        { path: 'submission/sip-1/representations/rep1/data/a.txt', size: content.length, sha512: digests['SHA-512'] },
        { path: 'METS.xml', size: 7, sha512: sha('sha512', '<mets/>') },
      ],
    };
    await writeState(ws.builtAip, built);
    request = undefined;
  });
  afterEach(() => rmSync(staging, { recursive: true, force: true }));

  const offered = async () => {
    await new StoreStage(preservation).run({ ctx: RequestContext.job(delivery.tenantId, 'job'), delivery, ws });
    return Object.fromEntries((request as StoreObjectRequest).files.map((f) => [f.logicalPath, f.adopt]));
  };

  it('offers the SIP files unpacking wrote and hashed, still unchanged, for adoption; the AIP\'s own files are copied', async () => {
    expect(await offered()).toEqual({ 'submission/sip-1/representations/rep1/data/a.txt': true, 'METS.xml': false });
  });

  it('has a SIP file copied and checked when it changed after unpacking', async () => {
    appendFileSync(join(ws.unpacked, 'package-x', 'sip-1', 'representations', 'rep1', 'data', 'a.txt'), '!');
    expect(await offered()).toEqual({ 'submission/sip-1/representations/rep1/data/a.txt': false, 'METS.xml': false });
  });
});
