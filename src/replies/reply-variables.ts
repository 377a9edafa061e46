import { REPLY_VARIABLES, type ReplyVariable } from '../contracts/replies.js';

/** `((name))`: a variable as GOV.UK Notify writes them, letters, digits, spaces, dots and dashes inside double brackets. */
const VARIABLE = /\(\(([^()]*)\)\)/g;

const KNOWN = new Set<string>(REPLY_VARIABLES);

/** The variables a text uses, in order of first use, each once (names trimmed, as written otherwise). */
export function replyVariablesIn(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(VARIABLE)) {
    const name = match[1].trim();
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** The variables a saved reply may not use: every one that is not `name`, `reference`, `advisor` or `organisation`. */
export function unknownReplyVariables(text: string): string[] {
  return replyVariablesIn(text).filter((name) => !KNOWN.has(name));
}

/**
 * Fills a saved reply's variables at send time. Each known variable is replaced by its value exactly once, never
 * re-read (a value that itself looks like `((reference))` stays as written); an unknown one is left as written
 * (saving refuses them, so only an older text could hold one).
 */
export function fillReplyVariables(text: string, values: Record<ReplyVariable, string>): string {
  return text.replace(VARIABLE, (whole, raw: string) => {
    const name = raw.trim();
    return KNOWN.has(name) ? values[name as ReplyVariable] : whole;
  });
}
