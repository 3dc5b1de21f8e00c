import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../src/app.module';
import { RequestContext, Role, Tier } from '../../src/platform/context';
import { GlobalExceptionFilter } from '../../src/platform/errors/global-exception.filter';
import { TenantRepository } from '../../src/tenancy/infrastructure/tenant.repository';
import { UserRepository } from '../../src/tenancy/infrastructure/user.repository';
import { GrantRepository } from '../../src/tenancy/infrastructure/grant.repository';
import { TenantService } from '../../src/tenancy/application/tenant.service';
import { AccessService } from '../../src/tenancy/application/access.service';
import { useTestEnvironment, uniq } from '../support/test-env';

describe('tenant isolation (repositories and services, real PostgreSQL)', () => {
  let app: INestApplicationContext;
  let tenants: TenantRepository;
  let users: UserRepository;
  let grants: GrantRepository;
  const A = `region-a-${uniq()}`;
  const B = `region-b-${uniq()}`;
  let userA: string;
  let userB: string;
  let groupB: string;

  const adminOf = (tenantId: string, grantsList = [{ role: Role.TenantAdmin, tenantId, informationTypeId: null, tier: null }]) =>
    new RequestContext('test', { kind: 'user', id: `admin-${tenantId}`, tenantId, grants: grantsList });

  beforeAll(async () => {
    useTestEnvironment();
    app = await NestFactory.createApplicationContext(AppModule.forRole('cli'), { logger: false });
    tenants = app.get(TenantRepository);
    users = app.get(UserRepository);
    grants = app.get(GrantRepository);
    for (const id of [A, B]) {
      await tenants.insert({ id, name: id, organisationNumber: '232100-0000', archiveAuthorityName: 'Arkiv' });
      await tenants.enableInformationType(id, 'patient-record');
    }
    userA = (await users.upsertUser(A, { externalId: 'same-subject', displayName: 'A person' })).id;
    userB = (await users.upsertUser(B, { externalId: 'same-subject', displayName: 'B person' })).id;
    groupB = (await users.upsertGroup(B, 'readers', 'samarkiv-readers')).id;
    await users.addMember(B, groupB, userB);
    await grants.insert({ tenantId: B, userId: null, groupId: groupB, role: Role.Reader, informationTypeId: 'patient-record', tier: Tier.Intermediate, createdBy: 'test' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a query in tenant A never returns tenant B rows', async () => {
    const listed = await users.listUsers(A);
    expect(listed.map((u) => u.id)).toEqual([userA]);
    expect(await users.listGroups(A)).toEqual([]);
    expect(await grants.list(A)).toEqual([]);
    expect((await grants.list(B)).map((g) => g.groupId)).toEqual([groupB]);
  });

  it("asking for B's id from A finds nothing", async () => {
    expect(await users.findUser(A, userB)).toBeNull();
    expect(await users.findGroup(A, groupB)).toBeNull();
    expect(await users.findUser(B, userB)).not.toBeNull();
  });

  it('the same external subject in two tenants is two accounts', () => {
    expect(userA).not.toBe(userB);
  });

  it('grants come through groups, and only inside their tenant', async () => {
    const access = app.get(AccessService);
    expect(await access.resolveGrants(B, userB)).toEqual([{ role: Role.Reader, tenantId: B, informationTypeId: 'patient-record', tier: Tier.Intermediate }]);
    expect(await access.resolveGrants(A, userA)).toEqual([]); // deny by default
    expect(await access.resolveGrants(A, userB)).toEqual([]);
  });

  it('the database refuses a grant that points across tenants', async () => {
    await expect(
      grants.insert({ tenantId: A, userId: userB, groupId: null, role: Role.Reader, informationTypeId: 'patient-record', tier: Tier.Intermediate, createdBy: 'test' }),
    ).rejects.toThrow(/access_grant_tenant_id_user_id_fkey/);
  });

  it("services answer 404 (not 403) for another tenant's resources", async () => {
    const filter = new GlobalExceptionFilter();
    const statusOf = async (p: Promise<unknown>) => filter.toResponse(await p.then(() => undefined, (e: unknown) => e), 'c').status;
    const ctxA = adminOf(A);
    expect(await statusOf(app.get(TenantService).get(ctxA, B))).toBe(404);
    expect(await statusOf(app.get(AccessService).getUser(ctxA, A, userB))).toBe(404);
    expect(await statusOf(app.get(AccessService).getUser(ctxA, B, userB))).toBe(404);
    expect(await statusOf(app.get(AccessService).listUsers(ctxA, B))).toBe(404);
    await expect(app.get(TenantService).get(ctxA, A)).resolves.toMatchObject({ id: A });
    await expect(app.get(AccessService).getUser(ctxA, A, userA)).resolves.toMatchObject({ id: userA, grants: [] });
  });

  it('lists only the own tenant for region users and all for operators', async () => {
    const mine = await app.get(TenantService).list(adminOf(A));
    expect(mine.map((t) => t.id)).toEqual([A]);
    const all = await app.get(TenantService).list(RequestContext.system('test'));
    expect(all.map((t) => t.id)).toEqual(expect.arrayContaining([A, B]));
  });

  it('a tenant admin of A cannot grant in B, and grants are checked for shape', async () => {
    const access = app.get(AccessService);
    await expect(access.grant(adminOf(A), B, { subject: { userId: userB }, role: Role.Reader, informationTypeId: 'patient-record', tier: Tier.Intermediate })).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    await expect(access.grant(adminOf(A), A, { subject: { userId: userA }, role: Role.Reader, informationTypeId: 'patient-record' })).rejects.toMatchObject({ code: 'INVALID_GRANT' });
    await expect(access.grant(adminOf(A), A, { subject: { userId: userA }, role: Role.Operator })).rejects.toMatchObject({ code: 'INVALID_GRANT' });
    const g = await access.grant(adminOf(A), A, { subject: { userId: userA }, role: Role.Reader, informationTypeId: 'patient-record', tier: Tier.Intermediate });
    expect(g).toEqual({ role: Role.Reader, tenantId: A, informationTypeId: 'patient-record', tier: Tier.Intermediate });
    const reader = new RequestContext('t', { kind: 'user', id: userA, tenantId: A, grants: [g] });
    await expect(access.listUsers(reader, A)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
