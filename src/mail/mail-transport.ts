import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { Settings } from '../config/settings.js';

export interface OutboundMail {
  to: string;
  /** Defaults to MAIL_FROM. */
  from?: string;
  replyTo?: string;
  subject: string;
  text: string;
  /** Stable id, so a resent message is recognisably the same one. */
  messageId: string;
  /** Threading: the message this one answers, and the thread's Message-IDs. */
  inReplyTo?: string;
  references?: string[];
}

/**
 * Outbound e-mail through nodemailer: SMTP when MAIL_TRANSPORT_URL is an smtp:// URL; in development and demo
 * mode ("capture", the default outside production) each message is kept as an .eml file under
 * DATA_DIR/mail-outbox instead of being sent.
 */
@Injectable()
export class MailTransport {
  private readonly transporter?: Transporter;
  private readonly captureDir?: string;

  constructor(private readonly settings: Settings) {
    const url = settings.env.MAIL_TRANSPORT_URL ?? (settings.env.isProduction ? undefined : 'capture');
    if (url === 'capture') {
      this.captureDir = path.join(settings.env.DATA_DIR, 'mail-outbox');
      this.transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    } else if (url) {
      this.transporter = nodemailer.createTransport(url);
    }
  }

  get configured(): boolean {
    return this.transporter !== undefined;
  }

  async send(mail: OutboundMail): Promise<void> {
    if (!this.transporter) throw new Error('no mail transport configured (MAIL_TRANSPORT_URL)');
    const info = await this.transporter.sendMail({
      from: mail.from ?? this.settings.env.MAIL_FROM,
      to: mail.to,
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
      ...(mail.references?.length ? { references: mail.references } : {}),
    });
    if (this.captureDir) {
      await mkdir(this.captureDir, { recursive: true, mode: 0o700 });
      const file = path.join(
        this.captureDir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[^A-Za-z0-9_-]/g, '')}.eml`,
      );
      await writeFile(file, (info as { message: Buffer }).message, { mode: 0o600 });
    }
  }
}
