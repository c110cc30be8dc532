/**
 * The chat widget (BENCH_ONLY=widget): sizes of the loader and the chat app gzipped; time from the snippet
 * to a chat ready to type in, on a local page in Chromium; then BENCH_VISITORS (2,000) visitor sockets held
 * open while BENCH_WIDGET_RATE (100) messages a second flow, half visitor → agent, half agent → visitor,
 * for BENCH_WIDGET_SECONDS (20): p99 of each direction and the server's memory per idle socket.
 * Targets: loader < 10 KB and app < 60 KB gzipped; p99 < 100 ms; < 100 KB per idle socket.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import WebSocket from "ws";
import { launch } from "../test/browser/browser";
import type { CpuMeter, CpuUse } from "./cpu";
import { summarize, type Stats } from "./load";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, "../dist/widget");
const VISITORS = Number(process.env.BENCH_VISITORS ?? 2000);
const RATE = Number(process.env.BENCH_WIDGET_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_WIDGET_SECONDS ?? 20);
const READY_RUNS = 7;

export type WidgetBench = {
  sizes: { loaderGzip: number; appGzip: number; totalGzip: number };
  ready: { launcherMs: number; chatReadyMs: number; runs: number };
  sockets: { visitors: number; rssBeforeMiB: number; rssAfterMiB: number; perIdleSocketKiB: number; connectSeconds: number };
  visitorToAgent: Stats;
  agentToVisitor: Stats;
  /** CPU while the messages flowed: others busy on the machine make the latencies worse than Rapport's own. */
  cpu: CpuUse | null;
};

const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function sizes(): WidgetBench["sizes"] {
  const html = fs.readFileSync(path.join(dist, "frame.html"), "utf8");
  const assets = [...html.matchAll(/(?:src|href)="\/widget\/(assets\/[^"]+)"/g)].map((m) => path.join(dist, m[1]));
  const loaderGzip = gz(path.join(dist, "widget.js"));
  const appGzip = assets.reduce((n, f) => n + gz(f), 0) + gz(path.join(dist, "frame.html"));
  return { loaderGzip, appGzip, totalGzip: loaderGzip + appGzip };
}

async function api(base: URL, token: string, method: string, p: string, body?: unknown) {
  const res = await fetch(new URL(p, base), {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : null;
}

/** From navigation to the launcher, and from the click to a chat that is connected and ready to type in. */
async function measureReady(server: http.Server, origin: string) {
  const browser = await launch();
  const launcher: number[] = [];
  const ready: number[] = [];
  try {
    for (let i = 0; i < READY_RUNS; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await ctx.newPage();
      const t0 = performance.now();
      await page.goto(origin);
      await page.waitForFunction(() => !!document.querySelector("rapport-chat"));
      launcher.push(performance.now() - t0);
      const t1 = performance.now();
      await page.evaluate(() => (window as unknown as { Rapport: { open(): void } }).Rapport.open());
      let frame = page.frames().find((f) => f.url().includes("/widget/frame"));
      while (!frame) {
        await page.waitForTimeout(5);
        frame = page.frames().find((f) => f.url().includes("/widget/frame"));
      }
      // Ready: the home screen is drawn and the socket said hello (no "reconnecting" banner).
      await frame.waitForSelector('[data-testid="widget-ask"]');
      await frame.waitForFunction(() => !document.querySelector('[data-testid="widget-connection"]'));
      ready.push(performance.now() - t1 + launcher[i]);
      await ctx.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return { launcherMs: median(launcher), chatReadyMs: median(ready), runs: READY_RUNS };
}

type Visitor = { ws: WebSocket; token: string; conversationId: string | null };

async function connectVisitors(base: URL, tokens: string[]): Promise<Visitor[]> {
  const url = `${base.origin.replace(/^http/, "ws")}/api/v1/widget/socket?token=`;
  const out: Visitor[] = [];
  for (let i = 0; i < tokens.length; i += 100) {
    const batch = tokens.slice(i, i + 100).map(
      (token, k) =>
        new Promise<Visitor>((resolve, reject) => {
          const n = i + k;
          const ws = new WebSocket(url + encodeURIComponent(token), {
            headers: { "x-forwarded-for": `10.${n >> 16}.${(n >> 8) & 255}.${n & 255}` },
          });
          ws.once("open", () => {
            ws.send(JSON.stringify({ type: "hello", context: { url: "https://shop.example/", language: "en" } }));
            ws.once("message", () => resolve({ ws, token, conversationId: null }));
          });
          ws.once("error", reject);
          ws.once("unexpected-response", (_q, res) => reject(new Error(`socket HTTP ${res.statusCode}`)));
        }),
    );
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

export async function widgetBench(opts: {
  base: URL;
  serverPid: number | undefined;
  pool: pg.Pool;
  accountId: string;
  token: string;
  meter?: CpuMeter;
}): Promise<WidgetBench> {
  const { base, pool, accountId, token } = opts;
  const s = sizes();
  const inbox = await api(base, token, "POST", "/api/v1/inboxes", { channel: "chat", name: "Bench chat", chat: {} });
  const ready = await timeToReadyWithOrigin(base, token, inbox.id);

  // Visitors made directly: the public route limits new visitors per address, as it should.
  const tokens = Array.from({ length: VISITORS }, () => `rv_${crypto.randomBytes(24).toString("base64url")}`);
  for (let i = 0; i < tokens.length; i += 500) {
    const chunk = tokens.slice(i, i + 500);
    await pool.query(
      `INSERT INTO chat_visitors (account_id, inbox_id, token_hash) SELECT $1, $2, encode(sha256(t::bytea), 'hex') FROM unnest($3::text[]) t`,
      [accountId, inbox.id, chunk],
    );
  }
  const pid = opts.serverPid;
  await new Promise((r) => setTimeout(r, 1000));
  const rssBefore = pid ? rssOf(pid) : 0;
  const c0 = performance.now();
  const visitors = await connectVisitors(base, tokens);
  const connectSeconds = (performance.now() - c0) / 1000;
  await new Promise((r) => setTimeout(r, 3000));
  const rssAfter = pid ? rssOf(pid) : 0;

  // An agent's live socket hears the visitors' messages; replies go through the REST API as the workspace sends them.
  const agent = new WebSocket(`${base.origin.replace(/^http/, "ws")}/api/v1/realtime?token=${encodeURIComponent(token)}`);
  await new Promise((r, j) => {
    agent.once("open", r);
    agent.once("error", j);
  });
  const sentAt = new Map<string, number>();
  const toAgent: number[] = [];
  const toVisitor: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const TAG = /\[b:([a-z0-9]+)\]/;
  agent.on("message", (raw) => {
    const text = String(raw);
    // Only the visitors' messages (the agent's socket also hears the replies it sends).
    if (!text.includes('"incoming"')) return;
    const m = TAG.exec(text);
    const t = m && sentAt.get(m[1]);
    if (t !== undefined && t !== null && m) {
      toAgent.push(performance.now() - t);
      sentAt.delete(m[1]);
    }
  });
  for (const v of visitors) {
    v.ws.on("message", (raw) => {
      const text = String(raw);
      if (text.startsWith('{"type":"ack"')) {
        const ack = JSON.parse(text);
        v.conversationId = ack.data.conversation.id;
        return;
      }
      if (!text.startsWith('{"type":"message"')) return;
      const m = TAG.exec(text);
      const t = m && sentAt.get(m[1]);
      if (t !== undefined && t !== null && m && text.includes('"agent"')) {
        toVisitor.push(performance.now() - t);
        sentAt.delete(m[1]);
      }
    });
  }

  // Warm-up: a quarter of the visitors start a conversation (so agents have someone to answer).
  const talkers = visitors.slice(0, Math.max(10, Math.floor(visitors.length / 4)));
  for (const v of talkers)
    v.ws.send(JSON.stringify({ type: "message", clientId: crypto.randomBytes(8).toString("hex"), text: "Hello, warm-up" }));
  const until = Date.now() + 30_000;
  while (talkers.some((v) => !v.conversationId) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  const answerable = talkers.filter((v) => v.conversationId);
  // And agents answer a few, so both paths are warm before the clock starts.
  await Promise.all(
    answerable
      .slice(0, 100)
      .map((v) => api(base, token, "POST", `/api/v1/conversations/${v.conversationId}/messages`, { kind: "reply", text: "Warm-up reply" })),
  );
  await new Promise((r) => setTimeout(r, 1000));

  const cpuDone = opts.meter?.start();
  const t0 = performance.now();
  const total = RATE * SECONDS;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const tag = `${i.toString(36)}x${crypto.randomBytes(3).toString("hex")}`;
    if (i % 2 === 0) {
      const v = visitors[(i * 7919) % visitors.length];
      sentAt.set(tag, performance.now());
      v.ws.send(JSON.stringify({ type: "message", clientId: `b${tag}`, text: `Where is my order? [b:${tag}]` }));
    } else {
      const v = answerable[(i * 104729) % answerable.length];
      sentAt.set(tag, performance.now());
      pending.push(
        api(base, token, "POST", `/api/v1/conversations/${v.conversationId}/messages`, { kind: "reply", text: `On its way [b:${tag}]` })
          .then(() => undefined)
          .catch((err) => {
            errors++;
            firstError ??= String(err);
          }),
      );
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(pending);
  const cpu = cpuDone?.() ?? null;
  await new Promise((r) => setTimeout(r, 2000));
  const lost = sentAt.size;
  agent.close();
  for (const v of visitors) v.ws.terminate();
  return {
    sizes: s,
    ready,
    sockets: {
      visitors: visitors.length,
      rssBeforeMiB: rssBefore / 1048576,
      rssAfterMiB: rssAfter / 1048576,
      perIdleSocketKiB: (rssAfter - rssBefore) / visitors.length / 1024,
      connectSeconds,
    },
    visitorToAgent: summarize(
      toAgent,
      lost > 0 ? Math.ceil(lost / 2) : 0,
      seconds,
      lost ? `${lost} messages not seen on the other side` : undefined,
    ),
    agentToVisitor: summarize(toVisitor, errors, seconds, firstError),
    cpu,
  };
}

/** Serves the host page, allows its origin on the inbox, measures, and leaves the inbox as it was. */
async function timeToReadyWithOrigin(base: URL, token: string, inboxId: string) {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><title>Shop</title><h1>Shop</h1><script src="${base.origin}/widget.js" data-inbox="${inboxId}" async></script>`,
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  await api(base, token, "PATCH", `/api/v1/inboxes/${inboxId}`, { chat: { allowedOrigins: [origin] } });
  // The server caches inbox settings for a few seconds.
  await new Promise((r) => setTimeout(r, 5500));
  return measureReady(server, origin);
}
