import { hashSecret, newToken, parseToken, verifySecret } from './secret-hasher';

describe('API-client secrets', () => {
  it('stores a salted scrypt hash that verifies only the right secret', async () => {
    const hash = await hashSecret('right');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(hash).not.toContain('right');
    await expect(verifySecret('right', hash)).resolves.toBe(true);
    await expect(verifySecret('wrong', hash)).resolves.toBe(false);
    expect(await hashSecret('right')).not.toBe(hash); // salted
  });

  it('round-trips the client id through the token and refuses malformed tokens', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const { token, secret } = newToken(id);
    expect(parseToken(token)).toEqual({ clientId: id, secret });
    expect(parseToken(token.slice(0, -1))).toBeNull();
    expect(parseToken('Bearer ' + token)).toBeNull();
  });
});
