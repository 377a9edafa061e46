import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/database/data-source.js';
import { testDatabase } from './support/test-app.js';

describe('migrations and entities', () => {
  let owner: DataSource;

  beforeAll(async () => {
    owner = createDataSource({ url: testDatabase().ownerUrl, poolSize: 1 });
    await owner.initialize();
  });
  afterAll(async () => {
    await owner.destroy();
  });

  it('has no pending migration', async () => {
    expect(await owner.showMigrations()).toBe(false);
  });

  it('matches the entities exactly: generating a migration would produce nothing (no drift)', async () => {
    const pending = await owner.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
