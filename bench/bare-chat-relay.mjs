// The webchat benchmark's baseline: a bare socket.io server (same version, same transport settings as
// Signpost's) relaying the same events between the same two namespaces, with nothing stored, no consent,
// no validation and no login. Run as a child process; prints `listening on PORT`.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 16 * 1024, pingInterval: 20_000 });
const room = (chatId) => `chat:${chatId}`;
let seq = 0;

io.of('/webchat').on('connection', (socket) => {
  socket.on('chat:start', (_payload, ack) => {
    const chatId = randomUUID();
    socket.data.chatId = chatId;
    socket.join(room(chatId));
    ack({ chatId, reference: 'BARE-0000', resumeToken: randomUUID(), queuePosition: 1 });
  });
  socket.on('chat:message', (payload, ack) => {
    const message = { id: randomUUID(), seq: (seq += 1), from: 'citizen', text: payload?.text, sentAt: new Date().toISOString() };
    ack({ id: message.id, seq: message.seq, sentAt: message.sentAt });
    io.of('/console')
      .to(room(socket.data.chatId))
      .emit('chat:message', { chatId: socket.data.chatId, ...message });
  });
});

io.of('/console').on('connection', (socket) => {
  socket.on('chat:accept', (payload, ack) => {
    socket.join(room(payload.chatId));
    ack({ chatId: payload.chatId, enquiryId: randomUUID(), transcript: [] });
  });
  socket.on('chat:message', (payload, ack) => {
    const message = { id: randomUUID(), seq: (seq += 1), from: 'advisor', text: payload?.text, sentAt: new Date().toISOString() };
    ack({ id: message.id, seq: message.seq, sentAt: message.sentAt });
    io.of('/webchat').to(room(payload.chatId)).emit('chat:message', message);
  });
});

http.listen(0, '127.0.0.1', () => console.log(`listening on ${http.address().port}`));
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
