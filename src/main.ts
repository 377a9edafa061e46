import { startSignpost, type RunningSignpost } from './bootstrap.js';
import { ConfigurationError } from './config/environment.js';

/** `npm start`: runs Signpost until SIGTERM or SIGINT, then drains and exits 0. */
async function main(): Promise<void> {
  let running: RunningSignpost;
  try {
    running = await startSignpost({ banner: true });
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    process.stderr.write(`Signpost could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  let signalled = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    process.stdout.write(`${signal} received: finishing in-flight work\n`);
    const deadline = setTimeout(() => {
      process.stderr.write('shutdown took too long; exiting\n');
      process.exit(1);
    }, running.env.SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
    running
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

void main();
