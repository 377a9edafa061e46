import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { OffboardingService } from './accountability/offboarding.service.js';
import { verifyDocument, type Signature } from './accountability/signed-document.js';
import { startApplicationContext } from './bootstrap.js';
import { CallImportService, type ImportMode } from './channels/phone/call-import.service.js';
import { DomainError } from './common/errors/domain-error.js';
import { ConfigurationError } from './config/environment.js';
import { TenantDatabase } from './database/tenant-database.js';
import { InboundMailboxOperator } from './tenancy/inbound-mailbox-operator.js';
import { OrganisationEntity } from './tenancy/organisation.entity.js';

const USAGE = `Usage: npm run signpost -- COMMAND [options]

  import-calls --organisation SLUG --file CALLS.csv [--mode all-or-nothing|good-rows]
      Import a day's call log; prints the per-row report as JSON.
      Exit 0 when the import went through, 1 when rows were refused and nothing was written.

  offboard --organisation SLUG --confirm SLUG [--out CERTIFICATE.json]
      An organisation leaves the shared service: its staff can no longer sign in, its channels are revoked, every
      contact's details are erased (legal holds and open subject-rights requests keep theirs), and a signed
      certificate of deletion is printed (and written to --out). Cannot be undone: --confirm repeats the slug.

  verify-certificate --file CERTIFICATE.json
      Checks a certificate of deletion's Ed25519 signature. Exit 0 when valid, 1 when not.

  inbound-domains --organisation SLUG [--set DOMAIN,DOMAIN…]
      Shows, or replaces, the mail domains routed to an organisation: its administrators may choose an inbound
      e-mail address only within them. Run it when the council's mail gateway starts sending a domain to Signpost.

  inbound-address --organisation SLUG (--address ADDRESS | --clear)
      Sets or clears an organisation's inbound e-mail address directly. An address belongs to one organisation:
      one another organisation holds is refused (clear it there first).`;

/** `npm run signpost -- COMMAND`: operator tasks against the configured database. */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      organisation: { type: 'string' },
      file: { type: 'string' },
      mode: { type: 'string', default: 'all-or-nothing' },
      confirm: { type: 'string' },
      out: { type: 'string' },
      set: { type: 'string' },
      address: { type: 'string' },
      clear: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const command = positionals[0];
  if (command === 'verify-certificate' && values.file && !values.help) {
    const { certificate, signature } = JSON.parse(await readFile(values.file, 'utf8')) as { certificate: unknown; signature: Signature };
    const valid = Boolean(certificate && signature) && verifyDocument(certificate, signature);
    process.stdout.write(`${valid ? 'valid' : 'NOT valid'}\n`);
    return valid ? 0 : 1;
  }
  if (command === 'offboard' && values.organisation && !values.help) {
    if (values.confirm !== values.organisation) {
      process.stderr.write(`Off-boarding erases every contact's details of "${values.organisation}" and cannot be undone: repeat the slug with --confirm ${values.organisation}\n`);
      return 2;
    }
    const app = await startApplicationContext();
    try {
      const signed = await app.get(OffboardingService).offboard(values.organisation);
      const text = `${JSON.stringify(signed, null, 2)}\n`;
      if (values.out) await writeFile(values.out, text);
      process.stdout.write(text);
      return 0;
    } finally {
      await app.close();
    }
  }
  if ((command === 'inbound-domains' || (command === 'inbound-address' && (values.address !== undefined) !== Boolean(values.clear))) && values.organisation && !values.help) {
    const slug = values.organisation;
    const app = await startApplicationContext();
    try {
      const operator = app.get(InboundMailboxOperator);
      const result =
        command === 'inbound-address'
          ? await operator.assignAddress(slug, values.clear ? null : (values.address ?? null))
          : values.set !== undefined
            ? await operator.assignDomains(slug, values.set.split(','))
            : await operator.show(slug);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return error.status === 404 ? 2 : 1;
    } finally {
      await app.close();
    }
  }
  if (values.help || command !== 'import-calls' || !values.organisation || !values.file || !['all-or-nothing', 'good-rows'].includes(values.mode ?? '')) {
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
