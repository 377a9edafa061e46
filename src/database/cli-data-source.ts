import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.js';

/**
 * For the TypeORM CLI (`npm run typeorm -- migration:show`): the owner connection named by DATABASE_URL,
 * logging to the console what an operator runs. The embedded database applies its migrations at start.
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to the owner connection of the database to migrate');
export default new DataSource({
  ...dataSourceOptions({ url, poolSize: 1, applicationName: 'signpost-cli' }),
  logger: 'simple-console',
  logging: ['schema', 'error', 'warn', 'migration'],
});
