import { RequestContext } from './request-context';
import { Role, Tier } from './access';
import { DomainError } from '../errors/domain.error';

const ctxWith = (grants: RequestContext['principal'] extends infer P ? (P extends { grants: infer G } ? G : never) : never) =>
  new RequestContext('c-1', { kind: 'user', id: 'u1', tenantId: 'region-a', grants });

describe('RequestContext', () => {
  it('denies by default', () => {
    const ctx = ctxWith([]);
    expect(ctx.has(Role.Reader)).toBe(false);
    expect(() => ctx.require(Role.Reader, { informationTypeId: 'patient-record' })).toThrow(DomainError);
  });

  it('matches grants on every dimension given', () => {
    const ctx = ctxWith([{ role: Role.Reader, tenantId: 'region-a', informationTypeId: 'patient-record', tier: Tier.Intermediate }]);
    expect(ctx.has(Role.Reader, { tenantId: 'region-a', informationTypeId: 'patient-record', tier: Tier.Intermediate })).toBe(true);
    expect(ctx.has(Role.Reader, { informationTypeId: 'finance' })).toBe(false);
    expect(ctx.has(Role.Reader, { tier: Tier.Final })).toBe(false);
    expect(ctx.has(Role.Reader, { tenantId: 'region-b' })).toBe(false);
    expect(ctx.has(Role.Archivist)).toBe(false);
  });

  it('anonymous contexts must authenticate; system contexts are operators without a tenant', () => {
    expect(() => RequestContext.anonymous().requirePrincipal()).toThrow(/Authentication required/);
    const sys = RequestContext.system('cli');
    expect(sys.isOperator()).toBe(true);
    expect(() => sys.requireTenant()).toThrow(/region/);
  });
});
