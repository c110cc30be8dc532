import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  Conversation,
  ConversationEvent,
  Counts,
  CreateConversationInput,
  CreateMessageInput,
  IdParams,
  ListConversationsQuery,
  ListMessagesQuery,
  Message,
  UpdateConversationInput,
  page,
} from "../../../shared/schemas";
import type { ZodTypeProvider } from "../../http/zod";
import { notFound } from "../../lib/errors";
import { claimsFrom } from "../customers/find-or-create-customer";
import { createConversation } from "./create-conversation";
import { IdempotentReplay, claimIdempotencyKey, completeIdempotencyKey } from "./idempotency";
import { badRequest } from "../../lib/errors";
import { postMessage } from "./post-message";
import { receiveMessage } from "./receive-message";
import { presentConversation, presentEvent, presentMessage } from "./present";
import {
  accountLanguages,
  conversationCounts,
  getConversation,
  getMessagesByIds,
  listConversationEvents,
  listConversations,
  listMessages,
} from "./queries";
import { updateConversation } from "./update-conversation";

const idempotencyKey = (req: FastifyRequest) => {
  const k = req.headers["idempotency-key"];
  return typeof k === "string" && k.trim() ? k.trim() : undefined;
};

export async function conversationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;

  const loadPresented = async (req: FastifyRequest, id: string) => {
    const row = await getConversation(db, req.actor.accountId, id);
    if (!row) throw notFound("Conversation");
    return presentConversation(row, req.actor);
  };

  r.get(
    "/api/v1/conversations",
    {
      schema: {
        tags: ["conversations"],
        summary: "List conversations (inbox views, filters, full-text search)",
        description:
          "Cursor pagination, newest activity first by default. Without `status` the list shows open conversations (all statuses when searching or filtering by customer).",
        querystring: ListConversationsQuery,
        response: { 200: page(Conversation) },
      },
    },
    async (req) => {
      const languages = req.query.q ? await accountLanguages(db, req.actor.accountId) : [];
      const { items, nextCursor } = await listConversations(db, req.actor, req.query, languages);
      return { items: items.map((c) => presentConversation(c, req.actor)), nextCursor };
    },
  );

  r.get(
    "/api/v1/conversations/counts",
    { schema: { tags: ["conversations"], summary: "Counts for each inbox view", response: { 200: Counts } } },
    async (req) => conversationCounts(db, req.actor),
  );

  r.post(
    "/api/v1/conversations",
    {
      schema: {
        tags: ["conversations"],
        summary: "API channel: a customer starts a conversation",
        description:
          "The customer is found by email, phone or externalId, or created. Send an `Idempotency-Key` header to make retries safe.",
        body: CreateConversationInput,
        response: { 201: Conversation, 200: Conversation },
      },
    },
    async (req, reply) => {
      const key = idempotencyKey(req);
      if (key && key.length > 200) throw badRequest("header.idempotency-key: at most 200 characters", "header.idempotency-key");
      const actor = req.actor;
      try {
        const { row } = await createConversation({
          db,
          accountId: actor.accountId,
          actor: { type: "api", id: actor.userId },
          channel: req.body.channel,
          customer: { identities: claimsFrom(req.body.customer, "body.customer"), name: req.body.customer.name },
          subject: req.body.subject,
          language: req.body.language,
          message: req.body.message,
          idempotency: key ? { scope: "conversations.create", key, body: req.body } : undefined,
        });
        app.ctx.relay.kick();
        reply.status(201);
        return presentConversation(row, actor);
      } catch (err) {
        if (!(err instanceof IdempotentReplay)) throw err;
        reply.status(201).header("idempotent-replayed", "true");
        return loadPresented(req, err.resourceId);
      }
    },
  );

  r.get(
    "/api/v1/conversations/:id",
    { schema: { tags: ["conversations"], summary: "One conversation", params: IdParams, response: { 200: Conversation } } },
    async (req) => loadPresented(req, req.params.id),
  );

  r.patch(
    "/api/v1/conversations/:id",
    {
      schema: {
        tags: ["conversations"],
        summary: "Change status, snooze, priority, assignee, team or tags",
        params: IdParams,
        body: UpdateConversationInput,
        response: { 200: Conversation },
      },
    },
    async (req) => {
      await app.ctx.write(req.actor, (tx) => updateConversation({ tx, actor: req.actor, id: req.params.id, changes: req.body }));
      return loadPresented(req, req.params.id);
    },
  );

  r.get(
    "/api/v1/conversations/:id/messages",
    {
      schema: {
        tags: ["messages"],
        summary: "Messages, oldest first",
        params: IdParams,
        querystring: ListMessagesQuery,
        response: { 200: page(Message) },
      },
    },
    async (req) => {
      await loadPresented(req, req.params.id);
      const { items, nextCursor } = await listMessages(db, req.actor.accountId, req.params.id, req.query);
      return { items: items.map(presentMessage), nextCursor };
    },
  );

  r.post(
    "/api/v1/conversations/:id/messages",
    {
      schema: {
        tags: ["messages"],
        summary: "Reply, write a private note, or (API channel) append the customer's next message",
        params: IdParams,
        body: CreateMessageInput,
        response: { 201: Message },
      },
    },
    async (req, reply) => {
      const key = idempotencyKey(req);
      if (key && key.length > 200) throw badRequest("header.idempotency-key: at most 200 characters", "header.idempotency-key");
      if (req.body.translation && req.body.kind !== "reply") throw badRequest("translation: only replies are sent translated", "body.translation");
      const actor = req.actor;
      const scope = `messages.create:${req.params.id}`;
      const idempotency = key ? { scope, key, body: req.body } : undefined;
      let messageId: string;
      try {
        if (req.body.kind === "incoming") {
          ({ messageId } = await receiveMessage({ db, actor, conversationId: req.params.id, content: req.body, idempotency }));
          app.ctx.relay.kick();
        } else {
          const kind = req.body.kind;
          ({ messageId } = await app.ctx.write(actor, async (tx) => {
            if (key) await claimIdempotencyKey(tx, actor.accountId, scope, key, req.body);
            const out = await postMessage({ tx, actor, conversationId: req.params.id, kind, content: req.body, cc: req.body.cc, translation: req.body.translation });
            if (key) await completeIdempotencyKey(tx, actor.accountId, scope, key, out.messageId);
            return out;
          }));
        }
      } catch (err) {
        if (!(err instanceof IdempotentReplay)) throw err;
        reply.header("idempotent-replayed", "true");
        messageId = err.resourceId;
      }
      const [row] = await getMessagesByIds(db, [messageId]);
      reply.status(201);
      return presentMessage(row);
    },
  );

  r.get(
    "/api/v1/conversations/:id/events",
    {
      schema: {
        tags: ["conversations"],
        summary: "The conversation's audit trail",
        params: IdParams,
        response: { 200: z.object({ items: z.array(ConversationEvent) }) },
      },
    },
    async (req) => {
      await loadPresented(req, req.params.id);
      return { items: (await listConversationEvents(db, req.actor.accountId, req.params.id)).map(presentEvent) };
    },
  );
}
