import type { FastifyInstance } from "fastify";
import { sameOrigin } from "../http/origin";
import { AppError } from "../lib/errors";
import { actorFromApiToken, actorFromSession } from "../modules/auth/authenticate";
import { SESSION_COOKIE } from "../modules/auth/plugin";

/**
 * GET /api/v1/realtime upgrades to a WebSocket, authenticated by the session cookie or `?token=`
 * (an API token). A cookie upgrade from another origin is refused: browsers send cookies cross-site.
 */
export async function realtimeRoutes(app: FastifyInstance) {
  app.get(
    "/api/v1/realtime",
    {
      websocket: true,
      config: { public: true },
      schema: { tags: ["realtime"], summary: "WebSocket: live pushes and presence", hide: true },
      preValidation: async (req) => {
        const token = (req.query as { token?: string }).token;
        if (token) {
          const actor = await actorFromApiToken(app.ctx.db, token);
          if (!actor) throw new AppError(401, "unauthorized", "The token is invalid or revoked");
          req.actor = actor;
          return;
        }
        if (!sameOrigin(req)) throw new AppError(403, "forbidden", "Cross-origin WebSocket refused");
        const cookie = req.cookies[SESSION_COOKIE];
        const actor = cookie ? await actorFromSession(app.ctx.db, cookie) : null;
        if (!actor) throw new AppError(401, "unauthorized", "Sign in or pass ?token=");
        req.actor = actor;
      },
    },
    (socket, req) => {
      app.ctx.hub.attach(socket, req.actor);
    },
  );
}
