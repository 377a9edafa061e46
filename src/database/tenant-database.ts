import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { requestContext } from '../common/request-context.js';

/**
 * Every unit of database work runs in a transaction whose first statement sets `app.current_tenant`, so that
 * PostgreSQL's row-level security confines it to one organisation. The tenant comes from the authenticated
 * principal (or verified channel credentials), never from input.
 */
@Injectable()
export class TenantDatabase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` for the current request's organisation. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.forTenant(requestContext.tenant(), work);
  }

  /** Runs `work` for a named organisation: jobs looping over tenants, verified machine-to-machine pushes. */
  forTenant<T>(organisationId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`select set_config('app.current_tenant', $1, true)`, [organisationId]);
      return work(manager);
    });
  }

  /** Work that reads only what every tenant may read (the organisation registry, the login lookup). */
  withoutTenant<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** One read of what every tenant may read (the organisation registry), outside any transaction: one round trip. */
  registry<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return work(this.dataSource.manager);
  }

  /** One statement outside any transaction, for the definer lookups that must work before a tenant is known. */
  lookup<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return this.dataSource.query(sql, parameters);
  }

  /**
   * One statement that is its own transaction and sets its tenant itself, through a function that runs as the
   * caller under row-level security (chat_messages_store): one round trip where forTenant takes four.
   */
  ownStatement<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return this.dataSource.query(sql, parameters);
  }

  async ping(): Promise<void> {
    await this.dataSource.query('select 1');
  }
}
