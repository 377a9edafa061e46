import { randomInt } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a reference read out over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A citizen-facing reference such as "K7QM-4X2P": random (so it reveals nothing about volumes or order),
 * unique per organisation by constraint, and never accepted as proof of identity.
 */
export function newReference(): string {
  let text = '';
  for (let i = 0; i < 8; i += 1) text += ALPHABET[randomInt(ALPHABET.length)];
  return `${text.slice(0, 4)}-${text.slice(4)}`;
}
