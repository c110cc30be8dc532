import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import { ChatInfo, IdParams, IdentitySecret } from "../../../shared/schemas";
import { eventActorOf } from "../../actor";
import { recordEvent } from "../../events/outbox";
import type { ZodTypeProvider } from "../../http/zod";
import { forbidden, notFound } from "../../lib/errors";
import { policies } from "../../policies";
import { presentChatInfo } from "./present";
import { chatInfo } from "./queries";
import type { ChatRuntime } from "./runtime";
import { type ChatInboxSettings, chatSettingsOf, rotateSecret } from "./settings";

/** For agents: the visitor behind a chat conversation, and (admins) a chat inbox's identity secret. */
export async function chatAgentRoutes(app: FastifyInstance, rt: ChatRuntime) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    "/api/v1/conversations/:id/chat",
    {
      schema: {
        tags: ["conversations"],
        summary: "The chat side of a conversation: the visitor's page, browser, language, local time, read receipts",
        params: IdParams,
        response: { 200: ChatInfo },
      },
    },
    async (req) => {
      const row = await chatInfo(ctx.db, req.actor.accountId, req.params.id);
      if (!row) throw notFound("Chat conversation");
      return presentChatInfo(row, rt.hub.isOnline(row.visitor_id));
    },
  );

  const secretOf = async (accountId: string, id: string) => {
    const res = await ctx.db.execute(sql`SELECT settings FROM inboxes WHERE id = ${id} AND account_id = ${accountId} AND channel = 'chat'`);
    const row = res.rows[0] as { settings: Partial<ChatInboxSettings> } | undefined;
    if (!row) throw notFound("Chat inbox");
    return chatSettingsOf(row.settings);
  };

  r.get(
    "/api/v1/inboxes/:id/identity-secret",
    {
      schema: {
        tags: ["inboxes"],
        summary: "A chat inbox's identity-verification secret (admins)",
        params: IdParams,
        response: { 200: IdentitySecret },
      },
    },
    async (req) => {
      if (!policies.manageInboxes(req.actor)) throw forbidden("Only admins and owners can see the identity secret");
      const s = await secretOf(req.actor.accountId, req.params.id);
      return { secret: ctx.box.open(s.identitySecret), rotatedAt: s.secretRotatedAt };
    },
  );

  r.post(
    "/api/v1/inboxes/:id/identity-secret",
    {
      schema: {
        tags: ["inboxes"],
        summary: "Make a new identity secret (admins); identify calls signed with the old one stop verifying",
        params: IdParams,
        response: { 200: IdentitySecret },
      },
    },
    async (req) => {
      if (!policies.manageInboxes(req.actor)) throw forbidden("Only admins and owners can rotate the identity secret");
      const next = rotateSecret(ctx.box, await secretOf(req.actor.accountId, req.params.id));
      await ctx.write(req.actor, async (tx) => {
        await tx.execute(sql`UPDATE inboxes SET settings = ${JSON.stringify(next)}::jsonb, updated_at = now() WHERE id = ${req.params.id}`);
        await recordEvent(tx, {
          accountId: req.actor.accountId,
          type: "inbox.secret_rotated",
          actor: eventActorOf(req.actor),
          data: { inboxId: req.params.id },
        });
      });
      return { secret: ctx.box.open(next.identitySecret), rotatedAt: next.secretRotatedAt };
    },
  );
}
