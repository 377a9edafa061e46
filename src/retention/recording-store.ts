import { Injectable, Logger } from '@nestjs/common';
import { isSafeRecordingReference } from '../channels/phone/recording-reference.js';
import { Settings } from '../config/settings.js';

const ORGANISATION_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Where an organisation's recording is in the store: `{base}/{organisation-slug}/{ref}`, each segment encoded. Every
 * reference is scoped to its organisation's prefix, so one organisation's reference never reaches another's
 * recordings; undefined (never a URL) for a reference or slug that could leave its segment ("..", "/", "%").
 */
export function recordingUrl(base: string, organisationSlug: string, ref: string): string | undefined {
  if (!ORGANISATION_SLUG.test(organisationSlug) || !isSafeRecordingReference(ref)) return undefined;
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(organisationSlug)}/${encodeURIComponent(ref)}`;
}

/**
 * The call-recording store (the telephony platform's archive), as retention sees it: a recording past its period
 * is deleted there, under its organisation's prefix, before Signpost forgets its reference. With no store
 * configured, Signpost holds references only, and forgetting the reference is the whole of it.
 */
@Injectable()
export class RecordingStore {
  private readonly logger = new Logger(RecordingStore.name);

  constructor(private readonly settings: Settings) {}

  /** Deleted (or already gone: 404 and 410 count as deleted); false when the store refused, could not be reached, or the reference is not one to ask about. */
  async delete(organisationSlug: string, ref: string): Promise<boolean> {
    const base = this.settings.env.RECORDING_STORE_URL;
    if (!base) return true;
    const url = recordingUrl(base, organisationSlug, ref);
    if (!url) {
      // Held from before references were checked: left, and counted as failed, for an operator to look at.
      this.logger.warn({ msg: 'recording reference not safe to send to the store: left in place' });
      return false;
    }
    try {
      const response = await fetch(url, {
        method: 'DELETE',
        headers: this.settings.env.RECORDING_STORE_TOKEN ? { authorization: `Bearer ${this.settings.env.RECORDING_STORE_TOKEN}` } : {},
        signal: AbortSignal.timeout(10_000),
        redirect: 'error',
      });
      await response.body?.cancel();
      if (response.ok || response.status === 404 || response.status === 410) return true;
      this.logger.warn({ msg: 'recording store refused a deletion', status: response.status });
      return false;
    } catch (error) {
      this.logger.warn({ msg: 'recording store unreachable', errorName: (error as Error).name });
      return false;
    }
  }
}
