import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.options';
import { environment } from '../config/settings';

/** Used by the TypeORM CLI (`npm run migration:generate`). */
export default new DataSource(dataSourceOptions(environment().DATABASE_URL));
