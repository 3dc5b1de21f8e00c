import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { CompactSign, calculateJwkThumbprint, exportJWK, JWK, KeyLike } from 'jose';
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ingestConfig } from '../../platform/config/settings';

interface SigningKey {
  key: KeyObject;
  alg: 'ES256' | 'EdDSA';
  kid: string;
  publicJwk: JWK;
}

export const RECEIPT_JWS_TYPE = 'samarkiv-receipt+jws';

/**
 * Signs receipts as compact JWS (RFC 7515) with the installation's key, and publishes the public
 * key as a JWKS so that producers can verify a receipt without trusting the transport.
 */
@Injectable()
export class ReceiptSigner {
  private loading?: Promise<SigningKey>;

  constructor(@Inject(ingestConfig.KEY) private readonly config: ConfigType<typeof ingestConfig>) {}

  async sign(payload: string): Promise<string> {
    const { key, alg, kid } = await this.signingKey();
    return new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg, kid, typ: RECEIPT_JWS_TYPE }).sign(key as unknown as KeyLike);
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    const { publicJwk, kid, alg } = await this.signingKey();
    return { keys: [{ ...publicJwk, kid, alg, use: 'sig' }] };
  }

  private signingKey(): Promise<SigningKey> {
    this.loading ??= this.load().catch((err: unknown) => {
      this.loading = undefined;
      throw err;
    });
    return this.loading;
  }

  private async load(): Promise<SigningKey> {
    const pem = await this.readOrCreate();
    const key = createPrivateKey(pem);
    const alg = algorithmOf(key);
    const publicJwk = await exportJWK(createPublicKey(key));
    return { key, alg, kid: await calculateJwkThumbprint(publicJwk), publicJwk };
  }

  /** Outside production a missing key is generated once; two processes racing keep the first file written. */
  private async readOrCreate(): Promise<string> {
    const file = this.config.receiptKeyFile;
    try {
      return await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !this.config.receiptKeyGenerated) throw err;
    }
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    try {
      await writeFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    return readFile(file, 'utf8');
  }
}

function algorithmOf(key: KeyObject): 'ES256' | 'EdDSA' {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new Error('RECEIPT_SIGNING_KEY_FILE must hold an EC P-256 or Ed25519 private key');
}
