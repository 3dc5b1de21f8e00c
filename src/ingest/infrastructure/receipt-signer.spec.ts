import { compactVerify, createLocalJWKSet } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReceiptSigner } from './receipt-signer';

const config = (file: string, generated: boolean) => ({ receiptKeyFile: file, receiptKeyGenerated: generated }) as ConstructorParameters<typeof ReceiptSigner>[0];

describe('ReceiptSigner', () => {
  it('generates a key once when none is configured and signs what its JWKS verifies', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'receipt-key-')), 'keys', 'receipt.pem');
    const signer = new ReceiptSigner(config(file, true));
    const jws = await signer.sign('{"outcome":"accepted"}');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(await signer.jwks()));
    expect(new TextDecoder().decode(payload)).toBe('{"outcome":"accepted"}');
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'samarkiv-receipt+jws', kid: (await signer.jwks()).keys[0].kid });
    // Another process finds the same key.
    expect((await new ReceiptSigner(config(file, true)).jwks()).keys[0].kid).toBe(protectedHeader.kid);
  });

  it('uses a configured Ed25519 key and refuses a missing configured file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'receipt-key-'));
    const file = join(dir, 'ed.pem');
    writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const jws = await new ReceiptSigner(config(file, false)).sign('x');
    expect(JSON.parse(Buffer.from(jws.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'EdDSA' });
    await expect(new ReceiptSigner(config(join(dir, 'missing.pem'), false)).sign('x')).rejects.toThrow(/ENOENT/);
  });

  it('refuses an RSA key', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'receipt-key-')), 'rsa.pem');
    writeFileSync(file, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await expect(new ReceiptSigner(config(file, false)).sign('x')).rejects.toThrow(/EC P-256 or Ed25519/);
  });
});
