import { DefaultNamingStrategy, NamingStrategyInterface, Table } from 'typeorm';

const tableName = (t: Table | string) => (typeof t === 'string' ? t : t.name).split('.').pop()!;

/**
 * Readable, PostgreSQL-style constraint names (`delivery_pkey`, `grant_tenant_id_fkey`) instead of
 * TypeORM's hashes, so errors and migrations say what they are about.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(className: string, customName?: string): string {
    return customName ?? snake(className);
  }

  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return snake(prefixes.concat(customName ?? propertyName).join('_'));
  }

  override relationName(propertyName: string): string {
    return snake(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snake(`${relationName}_${referencedColumnName}`);
  }

  override joinTableName(firstTableName: string, secondTableName: string): string {
    return snake(`${firstTableName}_${secondTableName}`);
  }

  override primaryKeyName(table: Table | string): string {
    return `${tableName(table)}_pkey`;
  }

  override foreignKeyName(table: Table | string, columnNames: string[]): string {
    return `${tableName(table)}_${columnNames.join('_')}_fkey`;
  }

  override uniqueConstraintName(table: Table | string, columnNames: string[]): string {
    return `${tableName(table)}_${columnNames.join('_')}_key`;
  }

  override indexName(table: Table | string, columnNames: string[]): string {
    return `${tableName(table)}_${columnNames.join('_')}_idx`;
  }

  override checkConstraintName(table: Table | string, expression: string): string {
    const column = /"?([a-z_]+)"?/.exec(expression)?.[1] ?? 'expr';
    return `${tableName(table)}_${column}_check`;
  }

  override relationConstraintName(table: Table | string, columnNames: string[]): string {
    return `${tableName(table)}_${columnNames.join('_')}_rel`;
  }

  override defaultConstraintName(table: Table | string, columnName: string): string {
    return `${tableName(table)}_${columnName}_default`;
  }

  override exclusionConstraintName(table: Table | string, expression: string): string {
    return `${tableName(table)}_${snake(expression).slice(0, 20)}_excl`;
  }
}

export function snake(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}
