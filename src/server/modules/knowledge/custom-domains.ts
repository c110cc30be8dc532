import type { IncomingMessage } from "node:http";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { DbOrTx } from "../../db/client";

/**
 * Custom help-center domains (Host header → help center). Routing happens before any async work, so each
 * app keeps the host → slug map in memory: loaded at start, refreshed every 30 s (other processes' changes)
 * and at once after a change in this process. A request to such a host is rewritten to /help/<slug>/…,
 * except the paths the help center shares with the rest of Rapport (the API, the widget, static assets).
 */
const maps = new WeakMap<object, Map<string, string>>();
const PASS = /^\/(api\/|widget|help-assets\/|assets\/|healthz)/;

export async function loadCustomDomains(app: FastifyInstance, db: DbOrTx): Promise<void> {
  const res = await db.execute(sql`SELECT custom_domain, slug FROM help_centers WHERE custom_domain IS NOT NULL`);
  maps.set(app.ctx, new Map((res.rows as { custom_domain: string; slug: string }[]).map((r) => [r.custom_domain, r.slug])));
}

export function hostOf(host: string | undefined): string {
  return (host ?? "").replace(/:\d+$/, "").replace(/\.$/, "").toLowerCase();
}

/** The help-center slug served at this Host, when it is a custom domain. */
export function customDomainSlug(app: FastifyInstance, host: string | undefined): string | null {
  return maps.get(app.ctx)?.get(hostOf(host)) ?? null;
}

/** Fastify's rewriteUrl: runs before routing, with the root instance as `this`. */
export function rewriteHelpCenterUrl(this: FastifyInstance, req: IncomingMessage): string {
  const url = req.url ?? "/";
  // Keyed by the app's context: the same object in the root instance and every plugin of it.
  const map = this.ctx ? maps.get(this.ctx) : undefined;
  if (!map?.size) return url;
  const slug = map.get(hostOf(req.headers.host));
  if (!slug || PASS.test(url)) return url;
  return url === "/" || url.startsWith("/?") ? `/help/${slug}${url.slice(1)}` : `/help/${slug}${url}`;
}
