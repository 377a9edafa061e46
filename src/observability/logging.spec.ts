import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { Logger, PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { pinoOptions } from './logging.js';

const PERSONAL = ['jane.doe@example.org', '07700 900123', 'PR1 8XJ', '1970-01-31'];
const personalText = `duplicate key (email)=(${PERSONAL[0]}), phone ${PERSONAL[1]}, postcode ${PERSONAL[2]}, born ${PERSONAL[3]}`;

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: pino(pinoOptions('info'), stream), lines };
}

describe('every log line passes through the one scrubber', () => {
  it('scrubs an error’s message however it is logged, including the way socket gateways log (logger.error(error))', () => {
    const { logger, lines } = capture();
    logger.error(new Error(personalText));
    logger.error({ err: new Error(personalText), context: 'WebchatGateway' });
    logger.error({ err: new Error(personalText) }, personalText);
    logger.warn({ msg: personalText, errorMessage: personalText, reason: personalText });
    logger.info(personalText);
    logger.info('printf %s and %s', personalText, 42);
    logger.child({ context: 'Child' }).error(new Error(personalText));
    expect(lines).toHaveLength(7);
    for (const line of lines) for (const value of PERSONAL) expect(line).not.toContain(value);
    expect(JSON.parse(lines[1])).toMatchObject({
      err: { type: 'Error' },
      context: 'WebchatGateway',
      msg: expect.stringContaining('[email]'),
    });
  });

  it('scrubs what Nest’s logger passes on (the gateways’ `this.logger.error(error)`)', () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const nest = new Logger(new PinoLogger({ pinoHttp: [pinoOptions('info'), stream] }), {});
    nest.error(new Error(personalText), 'WebchatGateway');
    nest.warn({ msg: 'chat resume failed', errorMessage: personalText }, 'WebchatGateway');
    expect(lines).toHaveLength(2);
    for (const line of lines) for (const value of PERSONAL) expect(line).not.toContain(value);
  });

  it('keeps ordinary lines exactly as they were', () => {
    const { logger, lines } = capture();
    logger.info(
      { correlationId: '123e4567-e89b-42d3-a456-426614174000', route: '/api/enquiries/:id', statusCode: 200 },
      'request completed',
    );
    expect(JSON.parse(lines[0])).toMatchObject({
      correlationId: '123e4567-e89b-42d3-a456-426614174000',
      route: '/api/enquiries/:id',
      statusCode: 200,
      msg: 'request completed',
    });
  });
});
