import { Injectable } from '@nestjs/common';

/** Set when SIGTERM arrives: health answers 503 so that a load balancer stops sending new work. */
@Injectable()
export class ShutdownState {
  private draining = false;
  private readonly stopped: (() => Promise<void>)[] = [];

  beginDraining(): void {
    this.draining = true;
  }

  /** Work to do once the application has closed (connections it holds outside Nest). */
  onStopped(work: () => Promise<void>): void {
    this.stopped.push(work);
  }

  async runStopped(): Promise<void> {
    for (const work of this.stopped) await work().catch(() => undefined);
  }

  get isDraining(): boolean {
    return this.draining;
  }
}
