import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { AppError } from "../../lib/errors";
import { actorFromApiToken, actorFromSession } from "./authenticate";

export const SESSION_COOKIE = "rapport_session";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function bearerToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (h?.startsWith("Bearer ")) return h.slice(7).trim() || undefined;
  return undefined;
}

/**
 * Every /api/v1 route needs a signed-in actor unless its config says public. Cookie-authenticated writes
 * must carry the session's CSRF token in `x-csrf-token`; bearer-token calls can't be forged by a browser.
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest("actor", null as never);
  app.addHook("onRequest", async (req) => {
    if (req.routeOptions.config?.public || !req.url.startsWith("/api/")) return;
    const bearer = bearerToken(req);
    if (bearer) {
      const actor = await actorFromApiToken(app.ctx.db, bearer);
      if (!actor) throw new AppError(401, "unauthorized", "The API token is invalid or revoked");
      req.actor = actor;
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    const actor = cookie ? await actorFromSession(app.ctx.db, cookie) : null;
    if (!actor) throw new AppError(401, "unauthorized", "Sign in, or send an API token as Authorization: Bearer");
    if (!SAFE.has(req.method) && req.headers["x-csrf-token"] !== actor.csrfToken) {
      throw new AppError(403, "csrf_failed", "Missing or wrong x-csrf-token header for a cookie-authenticated write");
    }
    req.actor = actor;
  });
});
