import { SnakeNamingStrategy, snake } from './naming.strategy';

describe('SnakeNamingStrategy', () => {
  const s = new SnakeNamingStrategy();

  it('gives PostgreSQL-style constraint names', () => {
    expect(s.primaryKeyName('delivery')).toBe('delivery_pkey');
    expect(s.foreignKeyName('access_grant', ['tenant_id'])).toBe('access_grant_tenant_id_fkey');
    expect(s.uniqueConstraintName('user_group', ['tenant_id', 'name'])).toBe('user_group_tenant_id_name_key');
    expect(s.indexName('record', ['tenant_id', 'date'])).toBe('record_tenant_id_date_idx');
  });

  it('maps camelCase properties to snake_case columns', () => {
    expect(s.columnName('organisationNumber', undefined, [])).toBe('organisation_number');
    expect(snake('HSAIdentity')).toBe('hsa_identity');
  });
});
