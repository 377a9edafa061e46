import { seededRandom } from './danger-model.js';

/**
 * Long messages for timing: sentences of the whole corpus (danger and everyday alike) strung together, a third of
 * their longer words given a typo so the model meets words it has never seen. The same for the same arguments.
 * Used by the timing test and the benchmark.
 */
export function longMessages(corpus: readonly { text: string }[], count: number, length: number, seed = 2000): string[] {
  const random = seededRandom(seed);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const typo = (word: string) =>
    word.length > 3 && random() < 0.3 ? `${word.slice(0, 2)}${letters[Math.floor(random() * 26)]}${word.slice(3)}` : word;
  return Array.from({ length: count }, () => {
    let text = '';
    while (text.length < length) text += `${corpus[Math.floor(random() * corpus.length)].text.split(' ').map(typo).join(' ')}. `;
    return text.slice(0, length);
  });
}
