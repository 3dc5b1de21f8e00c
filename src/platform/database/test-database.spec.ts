import { assertTestDatabaseName, withDatabase } from './test-database';

describe('test database guard', () => {
  it('refuses names without "test"', () => {
    expect(() => assertTestDatabaseName('samarkiv')).toThrow(/must contain "test"/);
    expect(() => assertTestDatabaseName('samarkiv_test_1')).not.toThrow();
  });

  it('refuses names that would need quoting', () => {
    expect(() => assertTestDatabaseName('test"; DROP DATABASE x; --')).toThrow(/odd database name/);
  });

  it('swaps only the database of a URL', () => {
    expect(withDatabase('postgres://u:p@h:1/postgres?sslmode=disable', 'x_test')).toBe('postgres://u:p@h:1/x_test?sslmode=disable');
  });
});
