import { Injectable, Logger } from '@nestjs/common';
import { Settings } from '../config/settings.js';

/**
 * The call-recording store (the telephony platform's archive), as retention sees it: a recording past its period
 * is deleted there before Signpost forgets its reference. With no store configured, Signpost holds references
 * only, and forgetting the reference is the whole of it.
 */
@Injectable()
export class RecordingStore {
  private readonly logger = new Logger(RecordingStore.name);

  constructor(private readonly settings: Settings) {}

  /** Deleted (or already gone: 404 and 410 count as deleted); false when the store refused or could not be reached. */
  async delete(ref: string): Promise<boolean> {
    const base = this.settings.env.RECORDING_STORE_URL;
    if (!base) return true;
    try {
      const response = await fetch(`${base.replace(/\/+$/, '')}/${encodeURIComponent(ref)}`, {
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
