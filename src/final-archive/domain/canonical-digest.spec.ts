import { canonicalJson, sha256Hex } from './canonical-digest';

describe('canonical JSON', () => {
  it('does not depend on key order and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: null }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[2,{"x":null,"y":1}]},"b":1}');
    expect(sha256Hex(canonicalJson({ a: 1, b: 2 }))).toBe(sha256Hex(canonicalJson({ b: 2, a: 1 })));
  });
});
