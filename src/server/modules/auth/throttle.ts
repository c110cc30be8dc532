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

  /**
   * Checks and reserves a try in one step: the try counts as a failure until `succeed` or `release`, so many
   * parallel guesses can't all pass the check while the password hashes are still being compared.
   * Returns seconds to wait, or 0 when the try may go ahead.
   */
  attempt(email: string, ip: string, now = Date.now()): number {
    const wait = this.retryAfter(email, ip, now);
    if (wait > 0) return wait;
    this.fail(email, ip, now);
    return 0;
  }

  /** Gives back a reserved try that did not fail on the password (e.g. the database was unavailable). */
  release(email: string, ip: string, now = Date.now()): void {
    const f = this.failures.get(this.key(email, ip));
    if (f && f.resetAt > now && f.count > 0) f.count--;
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
