import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliveryWorkspace } from './delivery-workspace';
import { recordUploadDigest, uploadSha256 } from './upload-digest';

describe('the upload digest recorded while the package arrived', () => {
  let staging: string;
  let ws: DeliveryWorkspace;

  beforeEach(() => {
    staging = mkdtempSync(join(tmpdir(), 'upload-digest-'));
    ws = new DeliveryWorkspace(staging, 'delivery-1');
    mkdirSync(ws.dir);
    writeFileSync(ws.upload, 'package bytes');
  });
  afterEach(() => rmSync(staging, { recursive: true, force: true }));

  it('is used while the upload is the file it was taken of', async () => {
    await recordUploadDigest(ws, 'ab'.repeat(32));
    expect(await uploadSha256(ws)).toBe('ab'.repeat(32));
  });

  it('is not used once the file changed, nor when none was recorded', async () => {
    expect(await uploadSha256(ws)).toBeUndefined();
    await recordUploadDigest(ws, 'ab'.repeat(32));
    appendFileSync(ws.upload, '!');
    expect(await uploadSha256(ws)).toBeUndefined();
  });
});
