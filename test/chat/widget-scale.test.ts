import { sql } from "drizzle-orm";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatTestApp, startChatApp } from "./helpers";

let t: ChatTestApp;
let inboxId: string;

beforeAll(async () => {
  // Behind a proxy the visitors' own addresses count, not the proxy's: 1,000 visitors are not one flooding IP.
  t = await startChatApp({ RAPPORT_TRUST_PROXY: "true" });
  inboxId = (await t.chatInbox(t.a.admin, {})).id;
});
afterAll(async () => t?.close());

describe("many visitors", () => {
  it("holds 1,000 sockets at once with bounded memory per socket", { timeout: 120_000 }, async () => {
    // Visitors made directly (the HTTP route would rate-limit one test IP, as it should).
    const tokens: string[] = [];
    const values = [];
    for (let i = 0; i < 1000; i++) {
      const token = `rv_load${i}_${Math.random().toString(36).slice(2)}`;
      tokens.push(token);
      values.push(sql`(${t.a.accountId}, ${inboxId}, encode(sha256(${token}::bytea), 'hex'))`);
    }
    await t.app.ctx.db.execute(sql`INSERT INTO chat_visitors (account_id, inbox_id, token_hash) VALUES ${sql.join(values, sql`, `)}`);
    (global as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    const sockets: WebSocket[] = [];
    const base = `${t.url.replace(/^http/, "ws")}/api/v1/widget/socket?token=`;
    for (let i = 0; i < tokens.length; i += 50) {
      const batch = tokens.slice(i, i + 50).map(
        (tok) =>
          new Promise<WebSocket>((resolve, reject) => {
            const ws = new WebSocket(base + encodeURIComponent(tok), { headers: { "x-forwarded-for": `10.0.${i >> 8}.${i & 255}` } });
            ws.once("open", () => {
              ws.send(JSON.stringify({ type: "hello", context: { url: "https://shop.example/" } }));
              ws.once("message", () => resolve(ws));
            });
            ws.once("error", reject);
          }),
      );
      sockets.push(...(await Promise.all(batch)));
    }
    expect(sockets).toHaveLength(1000);
    await new Promise((r) => setTimeout(r, 1000));
    const after = process.memoryUsage();
    // Server and clients share this process: the bound covers both ends of every socket.
    const perSocket = (after.rss - before.rss) / 1000;
    console.log(
      `1000 widget sockets: ${(perSocket / 1024).toFixed(1)} KB RSS per socket (both ends), heap +${((after.heapUsed - before.heapUsed) / 1048576).toFixed(1)} MB`,
    );
    expect(perSocket).toBeLessThan(100 * 1024);
    // They all still work: a push reaches one of them.
    const last = sockets[999];
    const got = new Promise<string>((resolve) => last.once("message", (m) => resolve(String(m))));
    last.send(JSON.stringify({ type: "ping" }));
    expect(JSON.parse(await got).type).toBe("pong");
    for (const s of sockets) s.close();
  });
});
