/**
 * `npm run bench`: ingest throughput against the database's commit-rate ceiling, and inbox/search latency
 * at 100k conversations / 500k messages. Runs on the embedded PostgreSQL, then also on BENCH_DATABASE_URL
 * when set (e.g. postgres://postgres@127.0.0.1:5432/test; a database rapport_bench is created there and
 * dropped at the end). Prints tables and writes bench/results/latest.json. Never part of `npm test`.
 *
 * Knobs (for quick iterations; the defaults are the benchmark): BENCH_SECONDS (ingest phases, 15),
 * BENCH_CONVERSATIONS (100000), BENCH_SAMPLES (300), BENCH_ONLY=ingest|inbox|email|helpcenter|widget|language, BENCH_MAILS (5000),
 * BENCH_HELP_ARTICLES (10000), BENCH_EXPLAIN=1 (explain
 * every inbox request, not only those that miss their target), BENCH_CPU_PROF=<dir> (profile the server).
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { Actor } from "../src/server/actor";
import { startEmbeddedPostgres } from "../src/server/db/embedded";
import { runMigrations } from "../src/server/db/migrate";
import { randomToken, sha256 } from "../src/server/lib/secrets";
import { type CpuUse, CpuMeter, idleCheck, postmasterOf } from "./cpu";
import { FREQUENT_WORD, LANGUAGES, loadAccount, PLANTED } from "./dataset";
import { emailIngest } from "./email";
import { helpCenterBench } from "./helpcenter";
import { widgetBench } from "./widget";
import { languageBench } from "./language";
import { explainRoute } from "./explain";
import { Client, closedLoop, type Outcome, type Stats, sequential } from "./load";

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const CONCURRENCY = 50;
const INGEST_SECONDS = Number(env.BENCH_SECONDS ?? 15);
const CEILING_SECONDS = Math.max(2, Math.round((INGEST_SECONDS * 2) / 3)); // ~10 s
const WARMUP_SECONDS = 3;
const CONVERSATIONS = Number(env.BENCH_CONVERSATIONS ?? 100_000);
const SAMPLES = Number(env.BENCH_SAMPLES ?? 300);
const WARMUP_REQUESTS = 30;
const ONLY = env.BENCH_ONLY;

// The reference the issue compares against: an open-source PHP help desk on this machine type, 10k tickets.
const REFERENCE = { createdPerSec: [13, 27] as const, listP50: 90, searchP50: 260, tickets: 10_000 };
const AIM = { throughput: 10, latency: 5 };

// ---------------------------------------------------------------------------------------------------------
// Output

type Cell = string | number | undefined;
function table(title: string, head: string[], rows: Cell[][], numeric: boolean[]) {
  const cells = rows.map((r) => r.map((c) => (c === undefined ? "-" : typeof c === "number" ? fmt(c) : c)));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of cells) console.log(line(r));
}
const fmt = (n: number) => (!Number.isFinite(n) ? "-" : Number.isInteger(n) || Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(1));
const pct = (n: number) => `${(n * 100).toFixed(0)}%`;
const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");

// ---------------------------------------------------------------------------------------------------------
// Setup helpers

async function tokenFor(pool: pg.Pool, accountId: string, userId: string): Promise<string> {
  const token = `rpt_${randomToken(30)}`;
  await pool.query("INSERT INTO api_tokens (account_id, user_id, name, token_hash, prefix) VALUES ($1, $2, 'bench', $3, $4)", [
    accountId,
    userId,
    sha256(token),
    token.slice(0, 8),
  ]);
  return token;
}

type Server = { url: URL; smtpPort: number; pid: number | undefined; stop: () => Promise<void> };

function startServer(databaseUrl: string): Promise<Server> {
  const prof = env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(env.BENCH_CPU_PROF)}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...prof, "--import", "tsx", path.join(here, "server.ts")], {
    // Behind the load generator's "proxy" each widget visitor has an address of its own (X-Forwarded-For).
    env: { ...env, BENCH_DB: databaseUrl, RAPPORT_TRUST_PROXY: "true" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let ready = false;
    child.stdout?.on("data", (d) => {
      if (ready) return void process.stderr.write(d);
      out += d;
      const m = /READY (\S+) smtp=(\d+)/.exec(out);
      if (!m) return;
      ready = true;
      resolve({
        url: new URL(m[1]),
        smtpPort: Number(m[2]),
        pid: child.pid,
        stop: () =>
          new Promise<void>((r) => {
            if (child.exitCode !== null) return r();
            child.once("exit", () => r());
            child.kill("SIGTERM");
          }),
      });
    });
    child.once("exit", (code) => {
      if (!ready) reject(new Error(`bench server exited (${code}) before listening`));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// 1. Ingest and the commit-rate ceiling

type Phase = { name: string; concurrency: number; stats: Stats; cpu: CpuUse; note?: string };

const NAMES = ["Ada Lovelace", "Grace Hopper", "Jonas Berg", "Marta Nowak", "Luis Romero", "Camille Durand", "Freja Holm"];
const SUBJECTS = ["Where is my order?", "Refund request", "Cannot log in", "Wrong size delivered", "Invoice question", "Damaged parcel"];
const ingestText = (i: number) =>
  `Hello, my order #${100_000 + (i % 900_000)} has not arrived yet and the tracking page has not changed for a week. ` +
  `Could you tell me where the parcel is and when it will be delivered? Thank you for your help, ref ${(i * 7919) % 100_000}.`;
const replyText = (i: number) =>
  `Thanks for the quick answer. I checked again this morning (${i % 60} min ago) and the parcel is still not here. ` +
  "The courier says it was handed over, but my neighbour does not have it either. What are the next steps, please?";

async function ingest(server: Server, token: string, pool: pg.Pool, meter: CpuMeter, accountId: string): Promise<Phase[]> {
  const client = new Client(server.url, token, CONCURRENCY);
  const run = Date.now().toString(36);
  // 30% first contacts (a new email), 70% customers writing again (one of 3000 known emails).
  const create = async (w: number, i: number): Promise<Outcome> => {
    const recurring = (i * 2654435761) % 10 >= 3;
    const email = recurring ? `customer${(i * 7919 + w) % 3000}@ingest.example` : `new-${run}-${i}@ingest.example`;
    const r = await client.request("POST", "/api/v1/conversations", {
      channel: "api",
      customer: { email, name: NAMES[i % NAMES.length] },
      subject: SUBJECTS[i % SUBJECTS.length],
      message: { text: ingestText(i) },
    });
    return r.status === 201 || `HTTP ${r.status}: ${r.body.slice(0, 200)}`;
  };
  await closedLoop(CONCURRENCY, WARMUP_SECONDS, create);
  let done = meter.start();
  const conv = await closedLoop(CONCURRENCY, INGEST_SECONDS, create);
  const convCpu = done();

  const ids = (await pool.query("SELECT id FROM conversations WHERE account_id = $1 ORDER BY random() LIMIT 3000", [accountId])).rows.map(
    (r) => r.id as string,
  );
  const append = async (w: number, i: number): Promise<Outcome> => {
    const r = await client.request("POST", `/api/v1/conversations/${ids[(w * 61 + i * 7) % ids.length]}/messages`, {
      kind: "incoming",
      text: replyText(i),
    });
    return r.status === 201 || `HTTP ${r.status}: ${r.body.slice(0, 200)}`;
  };
  await closedLoop(CONCURRENCY, WARMUP_SECONDS, append);
  done = meter.start();
  const msgs = await closedLoop(CONCURRENCY, INGEST_SECONDS, append);
  const msgsCpu = done();
  client.close();
  return [
    { name: "POST /api/v1/conversations", concurrency: CONCURRENCY, stats: conv, cpu: convCpu, note: "30% new customers, 70% returning" },
    {
      name: "POST …/:id/messages incoming",
      concurrency: CONCURRENCY,
      stats: msgs,
      cpu: msgsCpu,
      note: `spread over ${ids.length} conversations`,
    },
  ];
}

async function ceiling(databaseUrl: string, meter: CpuMeter): Promise<Phase> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });
  pool.on("error", () => {});
  await pool.query("DROP TABLE IF EXISTS bench_ceiling");
  await pool.query(
    "CREATE TABLE bench_ceiling (id bigserial PRIMARY KEY, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
  );
  const payload = ingestText(1);
  const op = (): Promise<Outcome> => pool.query("INSERT INTO bench_ceiling (payload) VALUES ($1)", [payload]).then(() => true);
  await closedLoop(CONCURRENCY, 2, op); // also opens all 50 connections
  const done = meter.start();
  const stats = await closedLoop(CONCURRENCY, CEILING_SECONDS, op);
  const cpu = done();
  await pool.query("DROP TABLE bench_ceiling");
  await pool.end();
  return { name: "ceiling: INSERT 1 row, autocommit (pg)", concurrency: CONCURRENCY, stats, cpu, note: "Pool of 50, 50 in flight" };
}

// ---------------------------------------------------------------------------------------------------------
// 2. Inbox at scale

type Probe = { name: string; kind: "list" | "counts" | "search"; url: string; target: number; matches?: number };
type Measured = Probe & { stats: Stats; cpu: CpuUse; explain?: { sql: string; ms: number }[]; explainFile?: string };

const SMALL_ACCOUNTS = [
  { name: "Bench Shop S", conversations: 2_000, agents: 3, teams: 1, customers: 800 },
  { name: "Bench Shop M", conversations: 5_000, agents: 6, teams: 2, customers: 2_000 },
  { name: "Bench Shop L", conversations: 10_000, agents: 10, teams: 3, customers: 4_000 },
];

async function loadInbox(pool: pg.Pool) {
  const t0 = performance.now();
  const scale = CONVERSATIONS / 100_000;
  for (const [i, spec] of SMALL_ACCOUNTS.entries()) {
    await loadAccount(pool, { ...spec, conversations: Math.max(100, Math.round(spec.conversations * scale)) }, 0.1 + i / 10);
  }
  const big = await loadAccount(
    pool,
    { name: "Bench Retail (large)", conversations: CONVERSATIONS, agents: 20, teams: 4, customers: Math.round(CONVERSATIONS * 0.3) },
    0.42,
  );
  const tv = performance.now();
  await pool.query("VACUUM ANALYZE");
  const vacuumSeconds = (performance.now() - tv) / 1000;
  const totals = (
    await pool.query(
      `SELECT (SELECT count(*) FROM conversations)::int conversations, (SELECT count(*) FROM messages)::int messages,
         (SELECT count(*) FROM customers WHERE account_id = $1)::int customers, (SELECT count(*) FROM accounts)::int accounts,
         pg_size_pretty(pg_database_size(current_database())) db_size,
         pg_size_pretty(pg_total_relation_size('conversations')) conversations_size,
         (SELECT count(*) FROM conversations WHERE account_id = $1 AND status = 'open')::int open`,
      [big.accountId],
    )
  ).rows[0];
  return { big, totals, vacuumSeconds, seconds: (performance.now() - t0) / 1000 };
}

/** How many of the account's conversations a term matches, with the configurations the app searches with. */
async function matches(pool: pg.Pool, accountId: string, term: string): Promise<number> {
  const cfgs = [...new Set(["simple", "english", ...LANGUAGES.map((l) => l.cfg)])];
  const tsq = cfgs.map((_, i) => `websearch_to_tsquery($${i + 2}::regconfig, $${cfgs.length + 2})`).join(" || ");
  const r = await pool.query(`SELECT count(*)::int n FROM conversations WHERE account_id = $1 AND search @@ (${tsq})`, [
    accountId,
    ...cfgs,
    term,
  ]);
  return r.rows[0].n;
}

async function inbox(server: Server, pool: pg.Pool, meter: CpuMeter, label: string) {
  const loaded = await loadInbox(pool);
  const { big } = loaded;
  const t = loaded.totals;
  console.log(
    `  loaded ${t.accounts - 1} accounts, ${t.conversations} conversations, ${t.messages} messages in ${loaded.seconds.toFixed(0)} s ` +
      `(VACUUM ANALYZE ${loaded.vacuumSeconds.toFixed(0)} s); database ${t.db_size}, conversations ${t.conversations_size}`,
  );
  // "me" is an agent (not the owner or admin) of the large account.
  const me = big.agentIds[2];
  const token = await tokenFor(pool, big.accountId, me);
  const client = new Client(server.url, token, 1);
  const email = (
    await pool.query(
      `SELECT i.value FROM customer_identities i WHERE i.account_id = $1 AND i.kind = 'email'
         AND (SELECT count(*) FROM conversations c WHERE c.customer_id = i.customer_id) BETWEEN 3 AND 6 ORDER BY i.value LIMIT 1`,
      [big.accountId],
    )
  ).rows[0].value as string;
  let cursor: string | null = null;
  for (let i = 0; i < 4; i++) {
    const r = await client.request("GET", `/api/v1/conversations?limit=25${cursor ? `&cursor=${cursor}` : ""}`);
    cursor = JSON.parse(r.body).nextCursor;
  }
  const emailMatches = (
    await pool.query(
      "SELECT count(*)::int n FROM conversations c JOIN customer_identities i ON i.customer_id = c.customer_id WHERE i.account_id = $1 AND i.value = $2",
      [big.accountId, email],
    )
  ).rows[0].n;
  const probes: Probe[] = [
    { name: "list: Open (default view), newest", kind: "list", url: "/api/v1/conversations?limit=25", target: 20 },
    { name: "list: Mine (assignee=me)", kind: "list", url: "/api/v1/conversations?assignee=me&limit=25", target: 20 },
    { name: "list: all statuses by priority", kind: "list", url: "/api/v1/conversations?status=all&sort=priority&limit=25", target: 20 },
    { name: "list: Open, page 5 (cursor)", kind: "list", url: `/api/v1/conversations?limit=25&cursor=${cursor}`, target: 20 },
    { name: "counts (every view)", kind: "counts", url: "/api/v1/conversations/counts", target: 50 },
    {
      name: `search: "${FREQUENT_WORD}" (frequent)`,
      kind: "search",
      url: `/api/v1/conversations?q=${FREQUENT_WORD}&limit=25`,
      target: 100,
      matches: await matches(pool, big.accountId, FREQUENT_WORD),
    },
    {
      name: `search: "${PLANTED.medium.word}" (medium)`,
      kind: "search",
      url: `/api/v1/conversations?q=${PLANTED.medium.word}&limit=25`,
      target: 100,
      matches: await matches(pool, big.accountId, PLANTED.medium.word),
    },
    {
      name: `search: "${PLANTED.rare.word}" (rare)`,
      kind: "search",
      url: `/api/v1/conversations?q=${PLANTED.rare.word}&limit=25`,
      target: 100,
      matches: await matches(pool, big.accountId, PLANTED.rare.word),
    },
    {
      name: "search: a customer's email",
      kind: "search",
      url: `/api/v1/conversations?q=${encodeURIComponent(email)}&limit=25`,
      target: 100,
      matches: emailMatches,
    },
  ];
  const actor: Actor = { accountId: big.accountId, userId: me, name: "Bench agent", role: "agent", via: "token" };
  const out: Measured[] = [];
  for (const p of probes) {
    const done = meter.start();
    const stats = await sequential(SAMPLES, WARMUP_REQUESTS, () => client.request("GET", p.url));
    const m: Measured = { ...p, stats, cpu: done() };
    if (stats.p99 >= p.target || env.BENCH_EXPLAIN) {
      // Missed (or asked for): explain exactly the statements the route runs, with its parameters.
      const plans = await explainRoute(pool, actor, p.url);
      const file = path.join(
        here,
        "results",
        `explain-${label.split(" ")[0]}-${p.name
          .replace(/[^a-z0-9]+/gi, "-")
          .replace(/-+$/, "")
          .toLowerCase()}.txt`,
      );
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, plans.map((x) => `-- ${x.sql}\n-- params: ${JSON.stringify(x.params)}\n${x.plan}\n`).join("\n"));
      m.explain = plans.map((x) => ({ sql: x.sql, ms: x.ms }));
      m.explainFile = path.relative(process.cwd(), file);
    }
    out.push(m);
  }
  client.close();
  return { loaded, probes: out };
}

// ---------------------------------------------------------------------------------------------------------
// One database

async function settings(pool: pg.Pool) {
  const r = await pool.query(
    "SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers','work_mem','synchronous_commit','fsync','wal_sync_method','max_connections','commit_delay','jit','max_parallel_workers_per_gather')",
  );
  const show = (n: string) => {
    const row = r.rows.find((x) => x.name === n);
    if (!row) return "?";
    if (row.unit === "8kB") return `${Math.round((Number(row.setting) * 8) / 1024)}MB`;
    if (row.unit === "kB") return `${Math.round(Number(row.setting) / 1024)}MB`;
    return row.setting;
  };
  return Object.fromEntries(r.rows.map((x) => [x.name, show(x.name)]));
}

async function runTarget(label: string, databaseUrl: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on("error", () => {}); // an idle client dropped by a stopping server must not crash the run
  await runMigrations(pool);
  const version = (await pool.query("SHOW server_version")).rows[0].server_version as string;
  const backend = (await pool.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;
  const postmaster = postmasterOf(backend);
  const cfg = await settings(pool);
  console.log(`\n== ${label}: PostgreSQL ${version}`);
  console.log(
    `   ${Object.entries(cfg)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}`,
  );
  const acc = (await pool.query("INSERT INTO accounts (name) VALUES ('Bench ingest') RETURNING id")).rows[0].id as string;
  const owner = (
    await pool.query("INSERT INTO users (account_id, name, email, role) VALUES ($1, 'Bench Owner', $2, 'owner') RETURNING id", [
      acc,
      `owner-${acc}@bench.example`,
    ])
  ).rows[0].id as string;
  const token = await tokenFor(pool, acc, owner);
  const server = await startServer(databaseUrl);
  const meter = new CpuMeter(server.pid, postmaster);
  const result: Record<string, unknown> = { label, postgres: version, settings: cfg, postgresOnThisMachine: postmaster !== undefined };
  try {
    if (!ONLY || ONLY === "ingest") {
      const [conv, msgs] = await ingest(server, token, pool, meter, acc);
      const ceil = await ceiling(databaseUrl, meter);
      const ratio = (p: Phase) => p.stats.rps / ceil.stats.rps;
      const ok = (p: Phase) => p.stats.errors === 0 && p.stats.p99 < 100 && ratio(p) >= 0.5;
      table(
        `Ingest — ${label} (PostgreSQL ${version}), ${CONCURRENCY} concurrent connections, ${INGEST_SECONDS} s (ceiling ${CEILING_SECONDS} s) after warm-up`,
        [
          "phase",
          "requests",
          "per s",
          "p50 ms",
          "p99 ms",
          "max ms",
          "errors",
          "of ceiling",
          "target: ≥50% of ceiling, p99 < 100 ms, 0 errors",
        ],
        [
          ...[conv, msgs].map((p) => [
            p.name,
            p.stats.count,
            p.stats.rps,
            p.stats.p50,
            p.stats.p99,
            p.stats.max,
            p.stats.errors,
            pct(ratio(p)),
            verdict(ok(p)),
          ]),
          [ceil.name, ceil.stats.count, ceil.stats.rps, ceil.stats.p50, ceil.stats.p99, ceil.stats.max, ceil.stats.errors, "100%", ""],
        ],
        [false, true, true, true, true, true, true, true, false],
      );
      for (const p of [conv, msgs, ceil]) if (p.stats.firstError) console.log(`  first error in ${p.name}: ${p.stats.firstError}`);
      table(
        "CPU during each phase (100% = one core busy for the whole phase)",
        ["phase", "server (Node)", "PostgreSQL", "load generator", "other processes", "machine busy", "steal"],
        [conv, msgs, ceil].map((p) => [
          p.name,
          cpuCell(p.cpu.server),
          cpuCell(p.cpu.postgres),
          cpuCell(p.cpu.loadgen),
          cpuCell(p.cpu.other),
          cpuCell(p.cpu.machine, `of ${p.cpu.cores} cores`),
          cpuCell(p.cpu.steal),
        ]),
        [false, true, true, true, true, true, true],
      );
      result.ingest = { conversations: conv, messages: msgs, ceiling: ceil, ratios: { conversations: ratio(conv), messages: ratio(msgs) } };
    }
    if (!ONLY || ONLY === "inbox") {
      const { loaded, probes } = await inbox(server, pool, meter, label);
      table(
        `Inbox at scale — ${label}: one account of ${loaded.big.conversations} conversations / ${loaded.big.messages} messages (${loaded.totals.open} open); one client, sequential, ${SAMPLES} requests after ${WARMUP_REQUESTS} warm-up`,
        ["request", "matches", "p50 ms", "p99 ms", "max ms", "errors", "CPU: server", "PostgreSQL", "others", "target", "result"],
        probes.map((p) => [
          p.name,
          p.matches,
          p.stats.p50,
          p.stats.p99,
          p.stats.max,
          p.stats.errors,
          cpuCell(p.cpu.server),
          cpuCell(p.cpu.postgres),
          cpuCell(p.cpu.other),
          `p99 < ${p.target} ms`,
          verdict(p.stats.p99 < p.target && p.stats.errors === 0),
        ]),
        [false, true, true, true, true, true, true, true, true, false, false],
      );
      for (const p of probes) {
        if (p.stats.firstError) console.log(`  first error in ${p.name}: ${p.stats.firstError}`);
        if (p.explain) {
          console.log(
            `  EXPLAIN ANALYZE of "${p.name}" (${p.explainFile}): ${p.explain.map((e) => `${e.ms.toFixed(1)} ms`).join(" + ")} in PostgreSQL`,
          );
        }
      }
      result.inbox = {
        dataset: { ...loaded.totals, loadSeconds: loaded.seconds, vacuumSeconds: loaded.vacuumSeconds, largeAccount: loaded.big },
        requests: probes,
      };
    }
    if (!ONLY || ONLY === "email") {
      const e = await emailIngest(server.smtpPort, pool, acc, meter);
      const okRate = e.accepted.rps >= 200 && e.accepted.errors === 0;
      const okProcessed = e.processedSeconds <= 2 * e.sendSeconds;
      table(
        `SMTP ingest — ${label}: ${e.mails} mails (${(e.bytes / 1024 / 1024).toFixed(0)} MB, 20% with attachments) from 20 concurrent senders`,
        ["measure", "value", "target", "result"],
        [
          ["accepted per s", e.accepted.rps, "≥ 200", verdict(okRate)],
          ["accept p50 / p99 / max ms", `${fmt(e.accepted.p50)} / ${fmt(e.accepted.p99)} / ${fmt(e.accepted.max)}`, "", ""],
          ["send time s", e.sendSeconds, "", ""],
          ["all processed after s", e.processedSeconds, `≤ 2 × send (${fmt(2 * e.sendSeconds)})`, verdict(okProcessed)],
          ["processed / send time", `${(e.processedSeconds / e.sendSeconds).toFixed(2)}×`, "≤ 2×", ""],
          ["errors", e.accepted.errors, "0", ""],
          ["CPU while sending: server / PostgreSQL", `${cpuCell(e.cpuSend.server)} / ${cpuCell(e.cpuSend.postgres)}`, "", ""],
        ],
        [false, true, false, false],
      );
      if (e.accepted.firstError) console.log(`  first error: ${e.accepted.firstError}`);
      result.email = e;
    }
    if (!ONLY || ONLY === "helpcenter") {
      const h = await helpCenterBench(server, pool, meter);
      const row = (name: string, st: Stats) => [name, st.count, st.p50, st.p99, st.max, st.errors, "p99 < 50 ms", verdict(st.p99 < 50 && st.errors === 0)];
      table(
        `Help-center search — ${label}: ${h.articles} articles, ${h.translations} translations in 5 languages (loaded in ${fmt(h.loadSeconds)} s); one client, sequential`,
        ["search", "samples", "p50 ms", "p99 ms", "max ms", "errors", "target", "result"],
        [
          row("searchArticles(): all queries", h.fn),
          row("GET /api/v1/public/:slug/search: all", h.http),
          ...h.byKind.flatMap((k) => [row(`  function: ${k.kind}`, k.fn), row(`  endpoint: ${k.kind}`, k.http)]),
        ],
        [false, true, true, true, true, true, false, false],
      );
      if (h.http.firstError) console.log(`  first error: ${h.http.firstError}`);
      result.helpcenter = h;
    }
    if (!ONLY || ONLY === "widget") {
      const w = await widgetBench({ base: server.url, serverPid: server.pid, pool, accountId: acc, token, meter });
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      const lat = (name: string, st: Stats) => [
        name,
        `${st.count} in ${fmt(st.seconds)} s`,
        `${fmt(st.p50)} / ${fmt(st.p99)} / ${fmt(st.max)}`,
        "p99 < 100 ms",
        verdict(st.p99 < 100 && st.errors === 0),
      ];
      table(
        `Chat widget — ${label}: ${w.sockets.visitors} visitor sockets, messages both ways`,
        ["measure", "value", "p50 / p99 / max ms", "target", "result"],
        [
          ["loader gzipped", kb(w.sizes.loaderGzip), "", "< 10 KB", verdict(w.sizes.loaderGzip < 10 * 1024)],
          ["chat app gzipped (HTML, JS, CSS)", kb(w.sizes.appGzip), "", "< 60 KB in all", verdict(w.sizes.totalGzip < 60 * 1024)],
          ["snippet → launcher, median ms (Chromium, local page)", fmt(w.ready.launcherMs), "", "", ""],
          ["snippet → chat ready, median ms (open, connected)", fmt(w.ready.chatReadyMs), "", "", ""],
          [`${w.sockets.visitors} sockets connected in`, `${fmt(w.sockets.connectSeconds)} s`, "", "", ""],
          [
            "server memory per idle socket",
            kb(w.sockets.perIdleSocketKiB * 1024),
            "",
            "< 100 KB",
            verdict(w.sockets.perIdleSocketKiB < 100),
          ],
          lat("visitor → agent (socket → agent socket)", w.visitorToAgent),
          lat("agent → visitor (REST reply → visitor socket)", w.agentToVisitor),
        ],
        [false, true, true, false, false],
      );
      for (const st of [w.visitorToAgent, w.agentToVisitor]) if (st.firstError) console.log(`  first error: ${st.firstError}`);
      if (w.cpu) {
        console.log(
          `  CPU while messages flowed: server ${cpuCell(w.cpu.server)}, PostgreSQL ${cpuCell(w.cpu.postgres)}, load generator ${cpuCell(w.cpu.loadgen)}, other processes ${cpuCell(w.cpu.other)} (machine ${cpuCell(w.cpu.machine, `of ${w.cpu.cores} cores`)})`,
        );
      }
      result.widget = w;
    }
    if (!ONLY || ONLY === "language") {
      const l = await languageBench({ base: server.url, pool, accountId: acc, ownerId: owner, token });
      const row = (name: string, st: Stats, target: number) => [
        name,
        st.count,
        st.p50,
        st.p99,
        st.max,
        st.errors,
        target ? `p99 < ${target} ms` : "",
        target ? verdict(st.p99 < target && st.errors === 0) : "",
      ];
      table(
        `Language engine — ${label}: offline analysis and knowledge-grounded answers`,
        ["measure", "samples", "p50 ms", "p99 ms", "max ms", "errors", "target", "result"],
        [
          row("analyzeText(): first pass after start (models loading)", l.inProcess.coldFirstPass, 0),
          row("analyzeText(): held-out support messages, 12 languages", l.inProcess.messages, 5),
          row("analyzeText(): 5 KB emails", l.inProcess.emails, 5),
          ["analyzeText(): one 1 MB text", 1, l.inProcess.oneMegabyte, l.inProcess.oneMegabyte, l.inProcess.oneMegabyte, 0, "", ""],
          row("POST /api/v1/analyze (HTTP, sequential)", l.http, 0),
          row("arrival → analysis stored (job)", l.arrivalToAnalysis, 0),
          ...(l.answers ? [row("POST /api/v1/answers (offline, demo knowledge base)", l.answers, 100)] : []),
        ],
        [false, true, true, true, true, true, false, false],
      );
      for (const st of [l.http, l.arrivalToAnalysis, l.answers]) if (st?.firstError) console.log(`  first error: ${st.firstError}`);
      result.language = l;
    }
    if (result.ingest && result.inbox) reference(result);
    return result;
  } finally {
    await server.stop();
    await pool.end();
  }
}

function cpuCell(n: number | undefined, suffix = "") {
  return n === undefined ? "-" : `${n.toFixed(0)}%${suffix ? ` ${suffix}` : ""}`;
}

// ---------------------------------------------------------------------------------------------------------
// 3. The reference comparison

function reference(result: Record<string, unknown>) {
  const ing = result.ingest as { conversations: Phase };
  const probes = (result.inbox as { requests: Measured[] }).requests;
  const created = ing.conversations.stats.rps;
  const list = probes[0].stats.p50;
  // The slowest of the full-text searches, to be conservative.
  const search = Math.max(...probes.filter((p) => p.kind === "search" && p.name.includes('"')).map((p) => p.stats.p50));
  const [lo, hi] = REFERENCE.createdPerSec;
  table(
    `Against the reference (an open-source PHP help desk, this machine type, ${REFERENCE.tickets / 1000}k tickets; Rapport at ${CONVERSATIONS / 1000}k conversations)`,
    ["measure", "reference", "Rapport", "ratio", "aim", "result"],
    [
      [
        "tickets/conversations created per s",
        `${lo}–${hi}`,
        created,
        `${(created / hi).toFixed(0)}–${(created / lo).toFixed(0)}×`,
        `≥${AIM.throughput}× (≥${AIM.throughput * hi}/s)`,
        verdict(created >= AIM.throughput * hi),
      ],
      [
        "agent list page p50 ms",
        REFERENCE.listP50,
        list,
        `1/${(REFERENCE.listP50 / list).toFixed(0)}`,
        `≤1/${AIM.latency} (≤${REFERENCE.listP50 / AIM.latency} ms)`,
        verdict(list <= REFERENCE.listP50 / AIM.latency),
      ],
      [
        "search p50 ms (slowest word search)",
        REFERENCE.searchP50,
        search,
        `1/${(REFERENCE.searchP50 / search).toFixed(0)}`,
        `≤1/${AIM.latency} (≤${REFERENCE.searchP50 / AIM.latency} ms)`,
        verdict(search <= REFERENCE.searchP50 / AIM.latency),
      ],
    ],
    [false, true, true, true, false, false],
  );
  result.reference = { reference: REFERENCE, ours: { createdPerSec: created, listP50: list, searchP50: search } };
}

// ---------------------------------------------------------------------------------------------------------
// Main

const cpus = os.cpus();
const machine: Record<string, unknown> = {
  cores: cpus.length,
  cpu: cpus[0]?.model.trim(),
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  os: `${os.type()} ${os.release()}`,
};
console.log(`Rapport benchmarks — ${new Date().toISOString()}`);
console.log(`Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB RAM, ${machine.os}, Node ${machine.node}`);
console.log("The load generator, the server (a child process) and PostgreSQL share these cores.");
const idleBusy = await idleCheck();
if (idleBusy !== undefined) {
  console.log(
    `Before starting, other processes kept the machine ${idleBusy.toFixed(0)}% busy${idleBusy > 10 ? " — WARNING: the figures below are disturbed by them" : ""}.`,
  );
}

machine.busyBeforeStart = idleBusy;
const results: Record<string, unknown>[] = [];
const started = performance.now();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-bench-"));
const embedded = await startEmbeddedPostgres(tmp);
try {
  results.push(await runTarget("embedded PostgreSQL", embedded.url("rapport")));
} finally {
  await embedded.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
if (env.BENCH_DATABASE_URL) {
  const admin = new pg.Client({ connectionString: env.BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS rapport_bench WITH (FORCE)");
  await admin.query("CREATE DATABASE rapport_bench");
  const u = new URL(env.BENCH_DATABASE_URL);
  u.pathname = "/rapport_bench";
  try {
    results.push(await runTarget("BENCH_DATABASE_URL", u.toString()));
  } finally {
    await admin.query("DROP DATABASE IF EXISTS rapport_bench WITH (FORCE)");
    await admin.end();
  }
}
const seconds = (performance.now() - started) / 1000;
fs.mkdirSync(path.join(here, "results"), { recursive: true });
fs.writeFileSync(
  path.join(here, "results", "latest.json"),
  `${JSON.stringify({ at: new Date().toISOString(), machine, seconds, settings: { concurrency: CONCURRENCY, ingestSeconds: INGEST_SECONDS, ceilingSeconds: CEILING_SECONDS, conversations: CONVERSATIONS, samples: SAMPLES }, results }, null, 2)}\n`,
);
console.log(`\nDone in ${(seconds / 60).toFixed(1)} min. Written to bench/results/latest.json`);
