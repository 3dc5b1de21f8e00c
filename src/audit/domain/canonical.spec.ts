import { createHash } from 'node:crypto';
import { bodyOf, canonicalJson, chainHash, GENESIS_HASH } from './canonical';
import { AuditBody } from './audit-entry';
import { sampleBody } from './audit-body.fixture';

describe('canonical JSON', () => {
  it('sorts keys at every depth, keeps array order, writes no whitespace', () => {
    expect(canonicalJson({ b: [3, { d: 1, c: null }], a: 'å"\n' })).toBe('{"a":"å\\"\\n","b":[3,{"c":null,"d":1}]}');
  });

  it('leaves out undefined object values and refuses what JSON cannot say', () => {
    expect(canonicalJson({ a: undefined, b: true })).toBe('{"b":true}');
    expect(() => canonicalJson({ a: NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
  });

  it('gives the same text whatever the key order of the input', () => {
    const a = sampleBody();
    const b = Object.fromEntries(Object.entries(sampleBody()).reverse()) as unknown as AuditBody;
    expect(bodyOf(a)).toBe(bodyOf(b));
  });

  it('the fast body encoder equals canonical JSON of the body keys', () => {
    for (const body of [sampleBody(), sampleBody({ searchCriteria: null, recordIds: [], tenantId: null, details: { z: [1, { b: 2, a: 'å' }] } })]) {
      const picked = Object.fromEntries(Object.entries(body));
      expect(bodyOf(body)).toBe(canonicalJson(picked));
    }
  });

  it('encodes only body keys, even when the object carries chain fields', () => {
    const withChain = { ...sampleBody(), seq: 9, hash: 'x' } as AuditBody;
    expect(bodyOf(withChain)).toBe(bodyOf(sampleBody()));
    expect(bodyOf(sampleBody())).not.toContain('"seq"');
  });
});

describe('chain hash', () => {
  it('is SHA-256 over prev hash, seq, time and body, one per line', () => {
    const time = new Date('2026-11-25T12:00:00.123Z');
    const body = bodyOf(sampleBody());
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n1\n2026-11-25T12:00:00.123Z\n${body}`).digest('hex');
    expect(chainHash(GENESIS_HASH, 1, time, body)).toBe(expected);
  });

  it('changes with any field, the seq, the time or the predecessor', () => {
    const time = new Date('2026-11-25T12:00:00.000Z');
    const base = chainHash(GENESIS_HASH, 1, time, bodyOf(sampleBody()));
    expect(chainHash(GENESIS_HASH, 1, time, bodyOf(sampleBody({ actorId: 'u2' })))).not.toBe(base);
    expect(chainHash(GENESIS_HASH, 2, time, bodyOf(sampleBody()))).not.toBe(base);
    expect(chainHash(GENESIS_HASH, 1, new Date(time.getTime() + 1), bodyOf(sampleBody()))).not.toBe(base);
    expect(chainHash('f'.repeat(64), 1, time, bodyOf(sampleBody()))).not.toBe(base);
  });
});
