/**
 * At most `limit` events per key in any `windowMs` (a sliding window), for at most `maxKeys` keys at once: when
 * a new key would pass the bound, the key seen longest ago is forgotten first. Memory stays bounded under a spray
 * of keys while the keys in use keep their counts. Per process: each instance counts its own.
 */
export class BoundedRateWindow {
  /** Each key's recent event times, oldest first; the Map's order is the keys' last use, least recent first. */
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
    if (!(windowMs > 0)) throw new RangeError('windowMs must be positive');
    if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new RangeError('maxKeys must be a positive integer');
  }

  /** Whether one more event for `key` fits in the window now; if it does, it is counted. */
  allow(key: string, now = Date.now()): boolean {
    const recent = this.events.get(key) ?? [];
    while (recent.length > 0 && now - recent[0] >= this.windowMs) recent.shift();
    // Re-inserted so the key counts as the most recently used.
    this.events.delete(key);
    const allowed = recent.length < this.limit;
    if (allowed) recent.push(now);
    this.events.set(key, recent);
    while (this.events.size > this.maxKeys) this.events.delete(this.events.keys().next().value as string);
    return allowed;
  }

  /** How many keys are held (never more than `maxKeys`). */
  get size(): number {
    return this.events.size;
  }
}
