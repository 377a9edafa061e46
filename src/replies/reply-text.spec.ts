import { describe, expect, it } from '@jest/globals';
import { CARD_NUMBER_REMOVED } from '../channels/safety/card-numbers.js';
import { outboundReplyText } from './reply-text.js';

describe('rule: a reply never carries a card number (outboundReplyText)', () => {
  it('removes a card number from what is sent and leaves references and phone numbers', () => {
    expect(outboundReplyText('  Card 4111 1111 1111 1111 noted; ref AB12-CD34, call 01772 533533.  ')).toEqual({
      text: `Card ${CARD_NUMBER_REMOVED} noted; ref AB12-CD34, call 01772 533533.`,
      cardNumbersRemoved: 1,
    });
  });
});
