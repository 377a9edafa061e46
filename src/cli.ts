import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startApplicationContext } from './bootstrap.js';
import { CallImportService, type ImportMode } from './channels/phone/call-import.service.js';
import { ConfigurationError } from './config/environment.js';
import { TenantDatabase } from './database/tenant-database.js';
import { OrganisationEntity } from './tenancy/organisation.entity.js';

const USAGE = `Usage: npm run signpost -- import-calls --organisation SLUG --file CALLS.csv [--mode all-or-nothing|good-rows]

  import-calls   import a day's call log; prints the per-row report as JSON.
                 Exit 0 when the import went through, 1 when rows were refused and nothing was written.`;

/** `npm run signpost -- COMMAND`: operator tasks against the configured database. */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { organisation: { type: 'string' }, file: { type: 'string' }, mode: { type: 'string', default: 'all-or-nothing' }, help: { type: 'boolean' } },
  });
  if (values.help || positionals[0] !== 'import-calls' || !values.organisation || !values.file || !['all-or-nothing', 'good-rows'].includes(values.mode ?? '')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const csv = await readFile(values.file, 'utf8');
  const app = await startApplicationContext();
  try {
    const organisation = await app.get(TenantDatabase).withoutTenant((m) => m.findOne(OrganisationEntity, { where: { slug: values.organisation } }));
    if (!organisation) {
      process.stderr.write(`No organisation "${values.organisation}"\n`);
      return 2;
    }
    const report = await app.get(CallImportService).import(organisation.id, csv, values.mode as ImportMode);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.mode === 'all-or-nothing' && report.invalid > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(error instanceof ConfigurationError ? `${error.message}\n` : `failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof ConfigurationError ? 78 : 1);
  },
);
