import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { checkCertificate, type TrustedKey } from './accountability/certificate-check.js';
import { deploymentPublicKey, NoDeploymentKeyError } from './accountability/deployment-key.js';
import {
  parsePublicKey,
  PublicKeyFormatError,
  publicKeyFingerprint,
  publicKeyPem,
  publicKeyText,
} from './accountability/signed-document.js';
import type { ImportMode } from './channels/phone/call-import.service.js';
import { ConfigurationError } from './config/environment.js';
import type { NewOrganisation } from './tenancy/organisation-onboarding.js';

const USAGE = `Usage: npm run signpost -- COMMAND [options]

  import-calls --organisation SLUG --file CALLS.csv [--mode all-or-nothing|good-rows]
      Import a day's call log; prints the per-row report as JSON.
      Exit 0 when the import went through, 1 when rows were refused and nothing was written.

  offboard --organisation SLUG --confirm SLUG [--out CERTIFICATE.json]
      An organisation leaves the shared service: its staff can no longer sign in, its channels are revoked, every
      contact's details are erased (legal holds and open subject-rights requests keep theirs), and a signed
      certificate of deletion is printed (and written to --out). Cannot be undone: --confirm repeats the slug.

  verify-certificate --file CERTIFICATE.json [--public-key BASE64 | --public-key-file PUBLIC-KEY.pem]
      Checks a certificate of deletion's Ed25519 signature against this deployment's signing key (from
      SIGNPOST_SECRET_KEY, or the secret generated under DATA_DIR), or against the key given, never against the
      key the certificate carries; prints which key it used and its SHA-256 fingerprint.
      Exit 0 when valid, 1 when not, 2 when there is no key to check against.

  signing-key [--out PUBLIC-KEY.pem]
      Prints this deployment's document-signing public key (base64) and its SHA-256 fingerprint, and writes it as
      PEM to --out: an auditor keeps it apart from the certificates and verifies them with --public-key-file.

  inbound-domains --organisation SLUG [--set DOMAIN,DOMAIN…]
      Shows, or replaces, the mail domains routed to an organisation: its administrators may choose an inbound
      e-mail address only within them. Run it when the council's mail gateway starts sending a domain to Signpost.

  create-organisation --slug SLUG --name NAME --dpo-name NAME --dpo-email EMAIL --privacy-notice FILE
                      --admin-email EMAIL --admin-name NAME
                      [--kind council|customer] [--legal-basis legitimate_interests|public_task|…]
                      [--nation england-and-wales|scotland|northern-ireland] [--notice-version 1]
                      [--dpo-address TEXT] [--no-services]
      A new organisation on this deployment: its details, its privacy notice (the file's text, in force from today),
      opening hours Monday to Friday 9 to 5 until changed, the 17 back-office services of the catalogue with the
      fields the notices permit (unless --no-services), and its first administrator. Prints the administrator's
      one-time password once, as JSON: hand it over safely; they sign in at /console and add everyone else.
      Exit 0 when created, 1 when refused (the reason is printed; nothing is written).

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
      'public-key': { type: 'string' },
      'public-key-file': { type: 'string' },
      set: { type: 'string' },
      address: { type: 'string' },
      clear: { type: 'boolean' },
      slug: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string', default: 'council' },
      'legal-basis': { type: 'string', default: 'legitimate_interests' },
      nation: { type: 'string', default: 'england-and-wales' },
      'dpo-name': { type: 'string' },
      'dpo-email': { type: 'string' },
      'dpo-address': { type: 'string' },
      'privacy-notice': { type: 'string' },
      'notice-version': { type: 'string', default: '1' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
      'no-services': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const command = positionals[0];
  if (command === 'verify-certificate' && values.file && !values.help) {
    const trusted = await trustedKey(values['public-key'], values['public-key-file']);
    if (typeof trusted === 'string') {
      process.stderr.write(`${trusted}\n`);
      return 2;
    }
    let signed: unknown;
    try {
      signed = JSON.parse(await readFile(values.file, 'utf8'));
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      signed = undefined;
    }
    const verdict = checkCertificate(signed, trusted);
    process.stdout.write(`${verdict.line}\n`);
    return verdict.valid ? 0 : 1;
  }
  if (command === 'signing-key' && !values.help) {
    const key = await deploymentPublicKey().catch((error: unknown) => {
      if (error instanceof NoDeploymentKeyError) return error.message;
      throw error;
    });
    if (typeof key === 'string') {
      process.stderr.write(`${key.replace(/\. Set it, or give .*$/, ': set it')}\n`);
      return 2;
    }
    if (values.out) await writeFile(values.out, publicKeyPem(key));
    process.stdout.write(
      `public key (Ed25519, SubjectPublicKeyInfo, base64): ${publicKeyText(key)}\nSHA-256 fingerprint: ${publicKeyFingerprint(key)}\n`,
    );
    return 0;
  }
  if (command === 'offboard' && values.organisation && !values.help) {
    if (values.confirm !== values.organisation) {
      process.stderr.write(
        `Off-boarding erases every contact's details of "${values.organisation}" and cannot be undone: repeat the slug with --confirm ${values.organisation}\n`,
      );
      return 2;
    }
    const { app, OffboardingService } = await application();
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
  if (
    (command === 'inbound-domains' || (command === 'inbound-address' && (values.address !== undefined) !== Boolean(values.clear))) &&
    values.organisation &&
    !values.help
  ) {
    const slug = values.organisation;
    const { app, InboundMailboxOperator, DomainError } = await application();
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
  if (command === 'create-organisation' && !values.help) {
    const missing = ['slug', 'name', 'dpo-name', 'dpo-email', 'privacy-notice', 'admin-email', 'admin-name'].filter(
      (option) => values[option as keyof typeof values] === undefined,
    );
    if (missing.length > 0) {
      process.stderr.write(`create-organisation needs ${missing.map((option) => `--${option}`).join(', ')}\n`);
      return 2;
    }
    const notice = await readFile(values['privacy-notice']!, 'utf8');
    const { app, OrganisationOnboarding, DomainError } = await application();
    try {
      const created = await app.get(OrganisationOnboarding).create({
        slug: values.slug!,
        name: values.name!,
        kind: values.kind as 'council' | 'customer',
        defaultLegalBasis: values['legal-basis'] as NewOrganisation['defaultLegalBasis'],
        nation: values.nation as NewOrganisation['nation'],
        dpoName: values['dpo-name']!,
        dpoEmail: values['dpo-email']!,
        postalAddress: values['dpo-address'],
        privacyNotice: { version: values['notice-version']!, title: `${values.name!}: privacy notice`, body: notice },
        admin: { email: values['admin-email']!, displayName: values['admin-name']! },
        withServices: !values['no-services'],
      });
      process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      process.stderr.write(`${[error.message, ...(error.fields ?? []).map((field) => `  ${field.field}: ${field.problem}`)].join('\n')}\n`);
      return 1;
    } finally {
      await app.close();
    }
  }
  if (
    values.help ||
    command !== 'import-calls' ||
    !values.organisation ||
    !values.file ||
    !['all-or-nothing', 'good-rows'].includes(values.mode ?? '')
  ) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const csv = await readFile(values.file, 'utf8');
  const { app, TenantDatabase, OrganisationEntity, CallImportService } = await application();
  try {
    const organisation = await app
      .get(TenantDatabase)
      .withoutTenant((m) => m.findOne(OrganisationEntity, { where: { slug: values.organisation } }));
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

/** The application and the services the commands use, loaded only by the commands that need them: verifying a certificate needs none of it. */
async function application() {
  const [
    { startApplicationContext },
    { OffboardingService },
    { CallImportService },
    { TenantDatabase },
    { OrganisationEntity },
    { InboundMailboxOperator },
    { DomainError },
    { OrganisationOnboarding },
  ] = await Promise.all([
    import('./bootstrap.js'),
    import('./accountability/offboarding.service.js'),
    import('./channels/phone/call-import.service.js'),
    import('./database/tenant-database.js'),
    import('./tenancy/organisation.entity.js'),
    import('./tenancy/inbound-mailbox-operator.js'),
    import('./common/errors/domain-error.js'),
    import('./tenancy/organisation-onboarding.js'),
  ]);
  return {
    app: await startApplicationContext(),
    OffboardingService,
    CallImportService,
    TenantDatabase,
    OrganisationEntity,
    InboundMailboxOperator,
    DomainError,
    OrganisationOnboarding,
  };
}

/** The key a certificate is checked against: the one given (as text or in a file), else this deployment's; or why there is none. */
async function trustedKey(text: string | undefined, file: string | undefined): Promise<TrustedKey | string> {
  if (text !== undefined && file !== undefined) return 'Give --public-key or --public-key-file, not both';
  try {
    if (text !== undefined) return { key: parsePublicKey(text), name: 'the key given' };
    if (file !== undefined) return { key: parsePublicKey(await readFile(file, 'utf8')), name: `the key in ${file}` };
    return { key: await deploymentPublicKey(), name: "this deployment's key" };
  } catch (error) {
    if (error instanceof PublicKeyFormatError || error instanceof NoDeploymentKeyError) return error.message;
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      error instanceof ConfigurationError ? `${error.message}\n` : `failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(error instanceof ConfigurationError ? 78 : 1);
  },
);
