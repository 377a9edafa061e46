import { topicTokens } from './topic-text.js';

export interface TopicRuleSet {
  service: string;
  keywords: string[];
}

export interface TopicSuggestion {
  service: string;
  /** The service's share of all the evidence found, 0 to 1. */
  confidence: number;
  /** The words and phrases that led to it, as the rules write them. */
  reasons: string[];
}

interface CompiledRule {
  keyword: string;
  tokens: string[];
  weight: number;
}

/**
 * Suggests services for a text from keyword and phrase rules. Each rule found adds its weight (a phrase of n
 * words weighs 1 + (n − 1) × 1.5, so "blue badge" outweighs "badge"); a rule found inside a longer one that also
 * matched counts once. Confidence is a service's share of the total. Only ever a suggestion.
 */
export class TopicSuggester {
  private readonly rules: { service: string; rules: CompiledRule[] }[];

  constructor(ruleSets: TopicRuleSet[]) {
    this.rules = ruleSets.map((set) => ({
      service: set.service,
      rules: set.keywords
        .map((keyword) => ({ keyword, tokens: topicTokens(keyword) }))
        .filter((rule) => rule.tokens.length > 0)
        // "book" and "books" are one rule once stemmed.
        .filter((rule, index, all) => all.findIndex((other) => other.tokens.join(' ') === rule.tokens.join(' ')) === index)
        .map((rule) => ({ ...rule, weight: 1 + (rule.tokens.length - 1) * 1.5 })),
    }));
  }

  suggest(text: string, limit = 3): TopicSuggestion[] {
    const tokens = topicTokens(text);
    if (tokens.length === 0) return [];
    const scored = this.rules
      .map(({ service, rules }) => {
        const found = rules.filter((rule) => containsSequence(tokens, rule.tokens));
        // "blue badge" matched: do not count "badge" again for the same service.
        const kept = found.filter(
          (rule) =>
            !found.some(
              (other) => other !== rule && other.tokens.length > rule.tokens.length && containsSequence(other.tokens, rule.tokens),
            ),
        );
        return {
          service,
          score: kept.reduce((sum, rule) => sum + rule.weight, 0),
          reasons: kept.sort((a, b) => b.weight - a.weight).map((rule) => rule.keyword),
        };
      })
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score || a.service.localeCompare(b.service));
    const total = scored.reduce((sum, entry) => sum + entry.score, 0);
    return scored.slice(0, limit).map((entry) => ({
      service: entry.service,
      confidence: Number((entry.score / total).toFixed(2)),
      reasons: entry.reasons.slice(0, 5),
    }));
  }
}

function containsSequence(haystack: string[], needle: string[]): boolean {
  outer: for (let start = 0; start + needle.length <= haystack.length; start += 1) {
    for (let i = 0; i < needle.length; i += 1) if (haystack[start + i] !== needle[i]) continue outer;
    return true;
  }
  return false;
}
