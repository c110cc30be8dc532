import { AppError } from "../../lib/errors";

/**
 * Fixed-window counters per key (a visitor, an IP), in this process. Widget endpoints are public, so each
 * has a budget per visitor and per IP; behind a proxy set RAPPORT_TRUST_PROXY so the IP is the visitor's.
 */
export class RateLimiter {
  private windows = new Map<string, { count: number; resetAt: number }>();
  private sweeper: NodeJS.Timeout;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.max(windowMs, 10_000));
    this.sweeper.unref();
  }

  /** Counts one hit; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    const w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
      return 0;
    }
    w.count++;
    return w.count > this.limit ? Math.ceil((w.resetAt - now) / 1000) : 0;
  }

  private sweep(now = Date.now()): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}

export class RateLimited extends AppError {
  constructor(readonly retryAfter: number) {
    super(429, "rate_limited", `Too many requests; try again in ${retryAfter} s`);
  }
}

/** The widget's budgets. Generous per IP (an office shares one), tighter per visitor. */
export function widgetLimits() {
  return {
    /** Every widget request and socket connect, per IP. */
    ip: new RateLimiter(600, 60_000),
    /** New visitors per IP (a visitor is created once per browser and site). */
    newVisitor: new RateLimiter(20, 60_000),
    /** Every widget request, per visitor. */
    visitor: new RateLimiter(120, 60_000),
    /** Messages and files sent, per visitor. */
    send: new RateLimiter(30, 60_000),
    /** Article searches as the visitor types (debounced by the widget), per visitor. */
    search: new RateLimiter(60, 60_000),
  };
}
export type WidgetLimits = ReturnType<typeof widgetLimits>;

export function take(limiter: RateLimiter, key: string): void {
  const wait = limiter.hit(key);
  if (wait > 0) throw new RateLimited(wait);
}
