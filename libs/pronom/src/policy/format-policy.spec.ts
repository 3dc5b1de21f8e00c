import { Identification } from '../identify/identification';
import { DEFAULT_FORMAT_POLICY, evaluatePolicy, FormatPolicy, parseFormatPolicy } from './format-policy';

const ident = (puid: string | null, name = '', version = ''): Identification => ({
  path: 'rep1/data/file.bin',
  puid,
  name,
  version,
  mime: '',
  basis: puid ? 'signature' : 'none',
  warnings: [],
});

describe('evaluatePolicy', () => {
  it.each([
    ['fmt/101', 'accept'],
    ['x-fmt/111', 'accept'],
    ['x-fmt/18', 'accept'],
    ['fmt/354', 'accept'],
    ['fmt/477', 'accept'],
    ['fmt/353', 'accept'],
    ['fmt/43', 'accept'],
    ['fmt/11', 'accept'],
    ['fmt/18', 'accept-with-warning'],
    ['fmt/276', 'accept-with-warning'],
    ['fmt/412', 'reject'],
    ['x-fmt/263', 'reject'],
  ])('the RA-FS 2009:2 default decides %s → %s', (puid, decision) => {
    expect(evaluatePolicy(DEFAULT_FORMAT_POLICY, ident(puid)).decision).toBe(decision);
  });

  it('rejects unidentified files by default and says so', () => {
    const r = evaluatePolicy(DEFAULT_FORMAT_POLICY, ident(null));
    expect(r.decision).toBe('reject');
    expect(r.reason).toContain('rep1/data/file.bin');
    expect(r.reason).toContain('not identified');
  });

  it('names file, PUID, format and policy in the reason', () => {
    const r = evaluatePolicy(DEFAULT_FORMAT_POLICY, ident('fmt/412', 'Microsoft Word for Windows', '2007 onwards'));
    expect(r.reason).toContain('rep1/data/file.bin');
    expect(r.reason).toContain('fmt/412 (Microsoft Word for Windows 2007 onwards)');
    expect(r.reason).toContain(DEFAULT_FORMAT_POLICY.name);
    expect(r.reason).toContain('default is reject');
  });

  it('lets a tenant policy override formats and the default', () => {
    const tenant: FormatPolicy = { name: 'Region X, journals', defaultDecision: 'accept-with-warning', formats: { 'fmt/43': 'reject' } };
    expect(evaluatePolicy(tenant, ident('fmt/43')).decision).toBe('reject');
    expect(evaluatePolicy(tenant, ident('fmt/412')).decision).toBe('accept-with-warning');
    expect(evaluatePolicy(tenant, ident('fmt/43')).reason).toContain('lists fmt/43 as reject');
  });
});

describe('parseFormatPolicy', () => {
  it('accepts a well-formed policy and the default one', () => {
    expect(parseFormatPolicy(DEFAULT_FORMAT_POLICY)).toEqual(DEFAULT_FORMAT_POLICY);
    expect(parseFormatPolicy({ name: 'x', defaultDecision: 'reject', formats: { 'x-fmt/18': 'accept' } }).formats).toEqual({ 'x-fmt/18': 'accept' });
  });

  it('names every problem at once', () => {
    expect(() => parseFormatPolicy({ name: '', defaultDecision: 'maybe', formats: { pdf: 'accept', 'fmt/18': 'yes' } })).toThrow(
      'invalid format policy: name must be a non-empty string; defaultDecision must be one of accept, accept-with-warning, reject; "pdf" is not a PRONOM PUID (fmt/N or x-fmt/N); fmt/18: decision must be one of accept, accept-with-warning, reject',
    );
    expect(() => parseFormatPolicy(null)).toThrow('policy must be an object');
  });
});
