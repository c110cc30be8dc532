import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { InjectOptions } from "fastify";
import WebSocket from "ws";
import { startTestAppWithTeam } from "../helpers/app";
import { PushRecorder } from "../helpers/ws";
import type { TestUser } from "../factories";

export type ChatTestApp = Awaited<ReturnType<typeof startChatApp>>;

/** The real app (listening), two accounts of agents, files in a temporary data dir. */
export async function startChatApp(env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-chat-"));
  const t = await startTestAppWithTeam({ RAPPORT_DATA_DIR: dataDir, ...env }, { listen: true });
  const addr = t.app.server.address() as { port: number };
  const url = `http://127.0.0.1:${addr.port}`;
  return {
    ...t,
    url,
    /** A chat inbox of the user's account; returns the presented inbox. */
    async chatInbox(user: TestUser, chat: Record<string, unknown> = {}, name = "Website chat") {
      const res = await t.as(user, { method: "POST", url: "/api/v1/inboxes", payload: { channel: "chat", name, chat } });
      if (res.statusCode !== 201) throw new Error(`chat inbox: ${res.statusCode} ${res.body}`);
      return res.json() as { id: string; chat: Record<string, unknown>; widget: { snippet: string; scriptUrl: string } };
    },
    async secret(user: TestUser, inboxId: string): Promise<string> {
      const res = await t.as(user, { method: "GET", url: `/api/v1/inboxes/${inboxId}/identity-secret` });
      if (res.statusCode !== 200) throw new Error(`secret: ${res.statusCode} ${res.body}`);
      return res.json().secret;
    },
    /** A widget request as a visitor (their token in x-rapport-visitor). */
    widget(token: string | null, opts: InjectOptions) {
      return t.app.inject({
        ...opts,
        headers: { ...(token ? { "x-rapport-visitor": token } : {}), ...(opts.headers ?? {}) },
      } as InjectOptions);
    },
    async visitor(inboxId: string, ip = nextIp()): Promise<{ visitorId: string; token: string }> {
      const res = await t.app.inject({ method: "POST", url: "/api/v1/widget/visitors", payload: { inboxId }, remoteAddress: ip });
      if (res.statusCode !== 201) throw new Error(`visitor: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    async send(token: string, body: Record<string, unknown>) {
      return t.app.inject({ method: "POST", url: "/api/v1/widget/messages", headers: { "x-rapport-visitor": token }, payload: body });
    },
    async close() {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let ipSeq = 0;
/** A distinct client address per visitor (TEST-NET-2), so per-IP limits only bite where a test means them to. */
export const nextIp = () => `198.51.100.${(ipSeq++ % 250) + 1}`;

export const hmacOf = (secret: string, id: string) => crypto.createHmac("sha256", secret).update(id).digest("hex");
export const clientId = () => `c_${crypto.randomBytes(9).toString("base64url")}`;

/** A visitor's widget socket: says hello, records every push, waits for matching ones. */
export class VisitorSocket extends PushRecorder {
  closed: { code: number; reason: string } | null = null;

  private constructor(ws: WebSocket) {
    super(ws, 4000);
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: String(reason) };
    });
  }

  static connect(baseUrl: string, token: string, headers: Record<string, string> = {}): Promise<VisitorSocket> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/api/v1/widget/socket?token=${encodeURIComponent(token)}`, { headers });
    const s = new VisitorSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(s));
      ws.once("error", reject);
      ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  static async open(baseUrl: string, token: string, headers: Record<string, string> = {}, context: Record<string, unknown> = {}) {
    const s = await VisitorSocket.connect(baseUrl, token, headers);
    s.send({
      type: "hello",
      context: { url: "https://shop.example/pricing", language: "da-DK", timeZone: "Europe/Copenhagen", ...context },
    });
    await s.waitFor((p) => p.type === "hello");
    return s;
  }

  waitClosed(timeoutMs = 15_000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("socket not closed")), timeoutMs);
      this.ws.once("close", (code, reason) => {
        clearTimeout(timer);
        resolve({ code, reason: String(reason) });
      });
    });
  }
}

/** Status of an upgrade that the server refuses (or 101 when it accepts). */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, "ws"), { headers });
    ws.once("open", () => {
      ws.close();
      resolve(101);
    });
    ws.once("unexpected-response", (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.once("error", (err) => reject(err));
  });
}
