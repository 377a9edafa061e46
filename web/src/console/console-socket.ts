import type { Socket } from 'socket.io-client';
import type { ConsoleToServerEvents, ServerToConsoleEvents } from '../../../src/contracts/chat-events.js';

/** The console's connection to `/console`, typed by the service's event maps. */
export type ConsoleSocket = Socket<ServerToConsoleEvents, ConsoleToServerEvents>;
