import { Injectable } from '@nestjs/common';

/**
 * Set when SIGTERM arrives: health answers 503 so that a load balancer stops sending new work, new requests and
 * socket events are refused with 503 `SHUTTING_DOWN`, and the work already taken up is counted until it is done,
 * so that the service closes its connections only once every answer has gone out.
 */
@Injectable()
export class ShutdownState {
  private draining = false;
  private inFlight = 0;
  private idle?: () => void;
  private readonly stopped: (() => Promise<void>)[] = [];

  beginDraining(): void {
    this.draining = true;
  }

  /** A request or socket event taken up; call the function returned when its answer has gone (once). */
  takeUp(): () => void {
    this.inFlight += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inFlight -= 1;
      if (this.inFlight === 0) this.idle?.();
    };
  }

  /** Resolves when nothing taken up is still in flight, or after `timeoutMs` (a stuck request must not stop the stop). */
  async drained(timeoutMs: number): Promise<void> {
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.idle = undefined;
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
