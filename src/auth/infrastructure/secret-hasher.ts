import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt parameters: ~16 MiB and tens of milliseconds per hash, stored with the hash. */
const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scryptAsync(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, KEYLEN, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scryptAsync(secret, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Tokens are `smk_<client id, 32 hex>_<secret>`: the id finds the row, the secret proves possession. */
export const TOKEN_PREFIX = 'smk_';

export function newToken(clientId: string): { token: string; secret: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${TOKEN_PREFIX}${clientId.replace(/-/g, '')}_${secret}`, secret };
}

export function parseToken(token: string): { clientId: string; secret: string } | null {
  const m = /^smk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const h = m[1];
  return { clientId: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`, secret: m[2] };
}

export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
