import type { FastifyReply, FastifyRequest } from "fastify";
import { VISITOR_HEADER } from "../../../shared/schemas";
import { AppError } from "../../lib/errors";
import { type RateLimiter, RateLimited } from "./rate-limit";
import type { ChatRuntime } from "./runtime";
import { originAllowed } from "./settings";
import { type ChatInboxRow, type VisitorRow, visitorByToken } from "./visitors";

/**
 * Browsers name the page's origin: only the inbox's allowed sites and Rapport itself (the chat frame, the
 * help center) may call the widget API. A request without Origin is not a browser's, and carries no cookie.
 */
export function checkOrigin(req: FastifyRequest, inbox: ChatInboxRow, publicUrl: string): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (!originAllowed(inbox.settings, origin, new URL(publicUrl).origin)) {
    throw new AppError(
      403,
      "origin_not_allowed",
      `This chat does not run on ${origin.slice(0, 200)}: add the site to the inbox's allowed sites`,
    );
  }
}

export function limit(reply: FastifyReply, limiter: RateLimiter, key: string): void {
  const wait = limiter.hit(key);
  if (wait > 0) {
    reply.header("retry-after", String(wait));
    throw new RateLimited(wait);
  }
}

/** The visitor of a widget request (by the x-rapport-visitor header), its inbox, after origin and rate checks. */
export async function visitorOf(
  rt: ChatRuntime,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<{ visitor: VisitorRow; inbox: ChatInboxRow }> {
  limit(reply, rt.limits.ip, req.ip);
  const header = req.headers[VISITOR_HEADER];
  const visitor = await visitorByToken(rt.ctx.db, typeof header === "string" ? header : undefined);
  if (!visitor) throw new AppError(401, "unauthorized", `Send the visitor token as the ${VISITOR_HEADER} header`);
  const inbox = await rt.inboxes.get(visitor.inbox_id);
  if (!inbox) throw new AppError(401, "unauthorized", "This chat no longer exists");
  checkOrigin(req, inbox, rt.ctx.publicUrl(req));
  limit(reply, rt.limits.visitor, visitor.id);
  return { visitor, inbox };
}
