import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { ZodTypeProvider } from "../../http/zod";
import { limit } from "./routes-helpers";
import { widgetConfig } from "./routes";
import type { ChatRuntime } from "./runtime";
import { frameAncestors, originAllowed } from "./settings";

const widgetDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../dist/widget");

const TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".woff2": "font/woff2",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** Built files, read once and re-read when rebuilt. */
const files = new Map<string, { mtimeMs: number; data: Buffer; etag: string }>();
function built(rel: string): { data: Buffer; etag: string } | null {
  const file = path.join(widgetDist, rel);
  if (!file.startsWith(widgetDist + path.sep)) return null;
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return null;
  }
  if (!st.isFile()) return null;
  const hit = files.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs) return hit;
  const data = fs.readFileSync(file);
  const entry = { mtimeMs: st.mtimeMs, data, etag: `"${crypto.createHash("sha1").update(data).digest("base64url")}"` };
  files.set(file, entry);
  return entry;
}

const notBuilt = (reply: FastifyReply) =>
  reply
    .status(503)
    .type("text/plain; charset=utf-8")
    .send("The chat widget is not built. Run `npm run build:web` (npm start does it for you).");

const page = (reply: FastifyReply, status: number, text: string, ancestors = "*") =>
  reply
    .status(status)
    .type("text/html; charset=utf-8")
    .header("content-security-policy", `default-src 'none'; style-src 'unsafe-inline'; frame-ancestors ${ancestors}`)
    .send(`<!doctype html><meta charset="utf-8"><p style="font:14px system-ui;color:#555;padding:16px">${text}</p>`);

/**
 * The snippet's loader (/widget.js: tiny, cached briefly, loadable from any site) and the chat frame it
 * opens (/widget/frame): served only into the inbox's allowed sites (frame-ancestors), with a strict CSP
 * of its own, its configuration inlined so the chat is ready without another round trip.
 */
export async function widgetFrameRoutes(app: FastifyInstance, rt: ChatRuntime) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  app.get("/widget.js", { config: { public: true } }, async (req, reply) => {
    const f = built("widget.js");
    if (!f) return notBuilt(reply);
    reply
      .header("content-type", TYPES[".js"])
      .header("cache-control", "public, max-age=300")
      .header("access-control-allow-origin", "*")
      .header("cross-origin-resource-policy", "cross-origin")
      .header("etag", f.etag);
    if (req.headers["if-none-match"] === f.etag) return reply.status(304).send();
    return reply.send(f.data);
  });

  app.get("/widget/assets/*", { config: { public: true } }, async (req, reply) => {
    const rel = (req.params as { "*": string })["*"];
    const f = /^[\w.-]+$/.test(rel) ? built(path.join("assets", rel)) : null;
    if (!f) return reply.status(404).type("text/plain").send("Not found");
    return reply
      .header("content-type", TYPES[path.extname(rel)] ?? "application/octet-stream")
      .header("cache-control", "public, max-age=31536000, immutable")
      .send(f.data);
  });

  r.get(
    "/widget/frame",
    {
      config: { public: true },
      schema: { hide: true, querystring: z.object({ inbox: z.string().max(64), origin: z.string().max(300).optional() }) },
    },
    async (req, reply) => {
      const f = built("frame.html");
      if (!f) return notBuilt(reply);
      limit(reply, rt.limits.ip, req.ip);
      const inbox = await rt.inboxes.get(req.query.inbox);
      if (!inbox) return page(reply, 404, "This chat does not exist (any more).");
      const own = new URL(rt.ctx.publicUrl(req)).origin;
      const parent = req.query.origin ?? own;
      if (!originAllowed(inbox.settings, parent, own)) {
        return page(reply, 403, "This chat is not enabled for this site.", frameAncestors(inbox.settings));
      }
      const config = { ...(await widgetConfig(rt, inbox)), parentOrigin: parent };
      const json = JSON.stringify(config).replace(/</g, "\\u003c");
      const html = f.data
        .toString("utf8")
        .replace("<!--rapport-config-->", `<script type="application/json" id="rapport-config">${json}</script>`);
      const host = req.headers.host ?? new URL(own).host;
      const csp = [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https:",
        `connect-src 'self' ws://${host} wss://${host}`,
        "font-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        `frame-ancestors ${frameAncestors(inbox.settings)}`,
      ].join("; ");
      return reply
        .type("text/html; charset=utf-8")
        .header("content-security-policy", csp)
        .header("cache-control", "no-store")
        .header("referrer-policy", "no-referrer")
        .send(html);
    },
  );
}
