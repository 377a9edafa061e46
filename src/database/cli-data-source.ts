import 'reflect-metadata';
import { createDataSource } from './data-source.js';

/**
 * For the TypeORM CLI (`npm run typeorm -- migration:show`): the owner connection named by DATABASE_URL.
 * The embedded database applies its migrations at start and needs no CLI.
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to the owner connection of the database to migrate');
export default createDataSource({ url, applicationName: 'signpost-cli', log: console });
