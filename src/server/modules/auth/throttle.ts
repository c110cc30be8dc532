/**
 * Failed sign-ins per (email, IP): after `max` failures inside the window, further tries are refused until
 * it passes. Per process; with several nodes each keeps its own count (documented limit).
 */
export class LoginThrottle {
  private failures = new Map<string, { count: number; resetAt: number }>();
  constructor(
    private max = 10,
    private windowMs = 15 * 60_000,
  ) {}

  private key(email: string, ip: string) {
    return `${email.toLowerCase()}|${ip}`;
  }

  /** Seconds to wait, or 0 when a try is allowed. */
  retryAfter(email: string, ip: string, now = Date.now()): number {
    const f = this.failures.get(this.key(email, ip));
    if (!f || f.resetAt <= now) return 0;
    return f.count >= this.max ? Math.ceil((f.resetAt - now) / 1000) : 0;
  }

  fail(email: string, ip: string, now = Date.now()): void {
    const k = this.key(email, ip);
    const f = this.failures.get(k);
    if (!f || f.resetAt <= now) this.failures.set(k, { count: 1, resetAt: now + this.windowMs });
    else f.count++;
    if (this.failures.size > 100_000) {
      for (const [key, v] of this.failures) if (v.resetAt <= now) this.failures.delete(key);
    }
  }

  succeed(email: string, ip: string): void {
    this.failures.delete(this.key(email, ip));
  }
}
