import { Injectable } from '@nestjs/common';

/** Set when SIGTERM arrives: health answers 503 so that a load balancer stops sending new work. */
@Injectable()
export class ShutdownState {
  private draining = false;

  beginDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }
}
