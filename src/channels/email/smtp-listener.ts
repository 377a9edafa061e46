import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { DomainError } from '../../common/errors/domain-error.js';
import type { Environment } from '../../config/environment.js';
import { Settings } from '../../config/settings.js';
import { OrganisationService } from '../../tenancy/organisation.service.js';
import { EmailIngestService } from './email-ingest.service.js';

type SmtpError = Error & { responseCode?: number };

/**
 * One answer for every accepted message: the SMTP client is unauthenticated and the From unproven, so no answer
 * names an enquiry (a new one's reference goes to its sender by acknowledgement), and a duplicate or a reply
 * cannot be told from a new enquiry.
 */
export const ACCEPTED = 'Message accepted';

/** The largest message the listener takes: SMTP_MAX_BYTES, or EMAIL_MAX_BYTES when that is smaller. */
export const smtpMaxBytes = (env: Pick<Environment, 'SMTP_MAX_BYTES' | 'EMAIL_MAX_BYTES'>): number =>
  Math.min(env.SMTP_MAX_BYTES, env.EMAIL_MAX_BYTES);
const smtpError = (code: number, message: string): SmtpError => Object.assign(new Error(message), { responseCode: code });

/**
 * A real SMTP listener (`smtp-server`) on SMTP_PORT for the organisations' inbound addresses. Put it behind the
 * council's own mail gateway, which does TLS, SPF and DKIM and adds Authentication-Results. SMTP is
 * unauthenticated, so a message over SMTP_MAX_BYTES (or EMAIL_MAX_BYTES, if smaller) is refused with 552 while it
 * streams; a MIME bomb with 552 before parsing. Every accepted message gets the same answer, naming no enquiry.
 */
@Injectable()
export class SmtpListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SmtpListener.name);
  private server?: SMTPServer;

  constructor(
    private readonly settings: Settings,
    private readonly organisations: OrganisationService,
    private readonly email: EmailIngestService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.settings.env.SMTP_PORT;
    if (port === 0) return;
    const maxBytes = smtpMaxBytes(this.settings.env);
    this.server = new SMTPServer({
      name: 'signpost',
      banner: 'Signpost inbound mail',
      size: maxBytes,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      maxClients: 50,
      socketTimeout: 60_000,
      logger: false,
      onRcptTo: (address, session, callback) => {
        this.organisations
          .receivingMailAt(address.address)
          .then((organisationId) => {
            if (!organisationId) return callback(smtpError(550, 'No such mailbox here'));
            const chosen = (session as SMTPServerSession & { organisationId?: string }).organisationId;
            if (chosen && chosen !== organisationId)
              return callback(smtpError(452, 'One organisation per message: send again for this recipient'));
            (session as SMTPServerSession & { organisationId?: string }).organisationId = organisationId;
            callback();
          })
          .catch((error: unknown) => {
            // Two organisations holding one address must never receive each other's mail: refuse, and say so in the log.
            if (error instanceof DomainError && error.code === 'INBOUND_ADDRESS_AMBIGUOUS') {
              this.logger.error({ msg: 'mail refused: an inbound address is held by more than one organisation', errorCode: error.code });
              return callback(smtpError(550, 'Mailbox unavailable'));
            }
            callback(smtpError(451, 'Try again later'));
          });
      },
      onData: (stream, session, callback) => this.receive(stream, session, maxBytes, callback),
    });
    this.server.on('error', (error: Error & { code?: string }) => this.logger.warn({ msg: 'smtp error', errorCode: error.code }));
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(port, this.settings.env.HOST, () => resolve());
    });
    this.logger.log({ msg: 'SMTP listener ready', port });
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private receive(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    maxBytes: number,
    callback: (error?: Error | null, message?: string) => void,
  ): void {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.on('end', () => {
      if (stream.sizeExceeded || size > maxBytes) return callback(smtpError(552, 'Message exceeds the size limit'));
      const organisationId = (session as SMTPServerSession & { organisationId?: string }).organisationId;
      if (!organisationId) return callback(smtpError(503, 'No recipient'));
      this.email
        .ingest(organisationId, Buffer.concat(chunks), { maxBytes })
        .then(() => callback(null, ACCEPTED))
        .catch((error: unknown) => {
          if (error instanceof DomainError && error.status === 413) return callback(smtpError(552, error.message));
          if (error instanceof DomainError && error.status < 500) return callback(smtpError(550, error.message));
          callback(smtpError(451, 'Temporary failure, try again later'));
        });
    });
  }
}
