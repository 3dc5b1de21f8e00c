import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/platform/database/data-source.options';

/**
 * A connection to this run's test database as the schema owner (a superuser here), for tests that
 * act as a tampering administrator or set up fixtures the app's restricted role may not write.
 */
export function ownerDataSource(): Promise<DataSource> {
  const url = process.env.TEST_RUN_DATABASE_URL;
  if (!url) throw new Error('TEST_RUN_DATABASE_URL is not set: run through jest (global setup)');
  return new DataSource(dataSourceOptions(url, { poolSize: 2 })).initialize();
}
