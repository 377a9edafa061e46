import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type pg from 'pg';
import { asTenant } from '../../support/test-app.js';

/**
 * A PostgreSQL of the test's own (see database-server.mjs), seeded with the demo organisations, that the test can
 * crash and start again on the same port. Apps under test connect to it as they would to any external database.
 */
export interface OwnDatabase {
  ownerUrl: string;
  runtimeUrl: string;
  port: number;
  /** What startTestApp needs to run an app on this database. */
  appEnv(): Record<string, string>;
  /** Immediate shutdown (SIGQUIT to the postmaster): connections dropped at once, crash recovery on the next start. */
  crash(): Promise<void>;
  /** Starts the server again on the same port and data directory. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Reads as the owner with the tenant of `slug` set (row-level security applies as for the app). */
  read<T>(slug: string, work: (client: pg.Client) => Promise<T>): Promise<T>;
}

const SERVER = path.resolve('test/resilience/support/database-server.mjs');

export async function startOwnDatabase(): Promise<OwnDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'signpost-resilience-'));
  const child: ChildProcess = spawn(process.execPath, [SERVER, dataDir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  const events: Record<string, unknown>[] = [];
  const waiting: ((event: Record<string, unknown>) => void)[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const next = waiting.shift();
    if (next) next(event);
    else events.push(event);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const nextEvent = (what: string, timeoutMs: number) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const queued = events.shift();
      if (queued) return resolve(queued);
      const timer = setTimeout(() => reject(new Error(`own database: no answer to ${what} within ${timeoutMs} ms\n${errors}`)), timeoutMs);
      waiting.push((event) => {
        clearTimeout(timer);
        resolve(event);
      });
      void exited.then(() => reject(new Error(`own database exited during ${what}\n${errors}`)));
    });
  const command = async (name: string, expected: string, timeoutMs = 60_000) => {
    child.stdin?.write(`${name}\n`);
    const event = await nextEvent(name, timeoutMs);
    if (event.event !== expected) throw new Error(`own database: ${name} answered ${JSON.stringify(event)}`);
  };

  const ready = (await nextEvent('start-up', 120_000)).ready as { ownerUrl: string; runtimeUrl: string; port: number } | undefined;
  if (!ready) throw new Error(`own database did not start\n${errors}`);
  let stopped: Promise<void> | undefined;
  return {
    ...ready,
    appEnv: () => ({ DATABASE_URL: ready.ownerUrl, DATABASE_RUNTIME_URL: ready.runtimeUrl, MIGRATIONS_RUN: 'false', SIGNPOST_DEMO: '0' }),
    crash: () => command('crash', 'crashed'),
    start: () => command('start', 'started'),
    stop: () =>
      (stopped ??= (async () => {
        if (child.exitCode === null) {
          child.stdin?.end('stop\n');
          const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
          await exited;
          clearTimeout(timer);
        }
        await rm(dataDir, { recursive: true, force: true });
      })()),
    read: (slug, work) => asTenant(ready.ownerUrl, slug, work),
  };
}
