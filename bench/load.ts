import http from "node:http";

export type Stats = { count: number; errors: number; seconds: number; rps: number; p50: number; p99: number; max: number; firstError?: string };

export function summarize(lat: number[], errors: number, seconds: number, firstError?: string): Stats {
  const s = Float64Array.from(lat).sort();
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil(s.length * p) - 1)] : Number.NaN);
  return { count: s.length, errors, seconds, rps: s.length / seconds, p50: q(0.5), p99: q(0.99), max: s.length ? s[s.length - 1] : Number.NaN, firstError };
}

export type Response = { status: number; body: string; ms: number };

/** A keep-alive HTTP client (node:http, at most `connections` sockets), every request timed. */
export class Client {
  private agent: http.Agent;
  constructor(
    private base: URL,
    private token: string,
    connections: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  request(method: string, path: string, body?: unknown): Promise<Response> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const t0 = performance.now();
      const req = http.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path,
          method,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: performance.now() - t0 }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  close() {
    this.agent.destroy();
  }
}

/** What one operation reports: ok, or the reason it failed (kept for the first failure). */
export type Outcome = true | string;

/**
 * A closed loop: `concurrency` workers each run `op` back to back until `seconds` pass. Every call is
 * timed, failures counted (and the first one kept so a run with errors says why).
 */
export async function closedLoop(concurrency: number, seconds: number, op: (worker: number, i: number) => Promise<Outcome>): Promise<Stats> {
  const lat: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let i = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const out = await op(w, i++).catch((err: unknown) => String(err));
        lat.push(performance.now() - t0);
        if (out !== true) {
          errors++;
          firstError ??= out;
        }
      }
    }),
  );
  return summarize(lat, errors, (performance.now() - start) / 1000, firstError);
}

/** One request at a time (latency, not throughput): `warmup` untimed calls, then `samples` timed ones. */
export async function sequential(samples: number, warmup: number, op: () => Promise<Response>): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await op();
  const lat: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  for (let i = 0; i < samples; i++) {
    const r = await op();
    lat.push(r.ms);
    if (r.status !== 200) {
      errors++;
      firstError ??= `HTTP ${r.status}: ${r.body.slice(0, 200)}`;
    }
  }
  return summarize(lat, errors, (performance.now() - start) / 1000, firstError);
}
