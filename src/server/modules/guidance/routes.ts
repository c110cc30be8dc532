import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  AcknowledgementCheck,
  AcknowledgementCheckInput,
  CreateFollowUpInput,
  FollowUp,
  Guidance,
  GuidanceQuery,
  HandoffSummary,
  IdParams,
  Message,
  TranslateInput,
  Translation,
  UpdateFollowUpInput,
} from "../../../shared/schemas";
import { Locale } from "../../../shared/schemas/knowledge";
import { acknowledgesFeelings } from "../../ai/guidance/compose";
import { llmFromConfig } from "../../ai/providers";
import type { ZodTypeProvider } from "../../http/zod";
import { notFound } from "../../lib/errors";
import { presentMessage } from "../conversations/present";
import { getMessagesByIds } from "../conversations/queries";
import { createFollowUp } from "./create-follow-up";
import { draftHandoffSummary, writeHandoffSummary } from "./create-handoff-summary";
import { getGuidance } from "./get-guidance";
import { presentFollowUp, presentSummary } from "./present";
import { llmRateLimit } from "../../http/account-rate-limit";
import { getConversationFacts, getFollowUp, getSummary, listFollowUps, listSummaries } from "./queries";
import { messageToTranslate, translateMessage, translateText } from "./translate";
import { updateFollowUp } from "./update-follow-up";

const TranslateMessageInput = z.strictObject({ target: Locale });

/** Acknowledge first, HELP, hand-off summaries, follow-ups and translation (issue 5). */
export async function guidanceRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;
  const llm = llmFromConfig(config);
  const conversationOr404 = async (accountId: string, id: string) => {
    const c = await getConversationFacts(db, accountId, id);
    if (!c) throw notFound("Conversation");
    return c;
  };

  r.get(
    "/api/v1/conversations/:id/guidance",
    {
      // Only drafting asks the model; the HELP panel's offline guidance is not counted.
      config: { rateLimit: llmRateLimit("guidance-draft", { skip: (req) => (req.query as { draft?: string }).draft !== "true" }) },
      schema: {
        tags: ["guidance"],
        summary: "Acknowledge first and HELP for the customer's latest message",
        description:
          "Acknowledgement openings and a restatement in the customer's language, filled with what they wrote; an apology, the lead question, an email opening, the articles that answer it, and with `draft=true` (LLM configured) a drafted reply citing them.",
        params: IdParams,
        querystring: GuidanceQuery,
        response: { 200: Guidance },
      },
    },
    async (req) =>
      getGuidance({ db, actor: req.actor, conversationId: req.params.id, draft: req.query.draft === "true", llm, publicBase: app.ctx.publicUrl(req) }),
  );

  r.post(
    "/api/v1/conversations/:id/acknowledgement-check",
    {
      schema: {
        tags: ["guidance"],
        summary: "Does this reply acknowledge the customer's feelings? (the composer's one-time nudge)",
        params: IdParams,
        body: AcknowledgementCheckInput,
        response: { 200: AcknowledgementCheck },
      },
    },
    async (req) => {
      const g = await getGuidance({ db, actor: req.actor, conversationId: req.params.id, draft: false, articles: false, llm: null, publicBase: "" });
      const acknowledges = acknowledgesFeelings(req.body.text);
      const nudge = g.acknowledgeFirst && !acknowledges;
      return { acknowledges, nudge, suggestion: nudge ? (g.acknowledgements[0] ?? null) : null };
    },
  );

  r.get(
    "/api/v1/conversations/:id/summaries",
    { schema: { tags: ["guidance"], summary: "Hand-off summaries, newest (pinned) first", params: IdParams, response: { 200: z.object({ items: z.array(HandoffSummary) }) } } },
    async (req) => {
      await conversationOr404(req.actor.accountId, req.params.id);
      return { items: (await listSummaries(db, req.actor.accountId, req.params.id)).map(presentSummary) };
    },
  );

  r.post(
    "/api/v1/conversations/:id/summaries",
    {
      config: { rateLimit: llmRateLimit("summaries") },
      schema: {
        tags: ["guidance"],
        summary: "Write a hand-off summary now (pinned; earlier ones are unpinned)",
        params: IdParams,
        response: { 201: HandoffSummary },
      },
    },
    async (req, reply) => {
      const { accountId, userId } = req.actor;
      // The model writes the draft outside any transaction; the write is short.
      const draft = await draftHandoffSummary({ db, accountId, conversationId: req.params.id, llm });
      const { id } = await app.ctx.write(req.actor, (tx) =>
        writeHandoffSummary({ tx, accountId, conversationId: req.params.id, reason: "requested", actorUserId: userId, draft }),
      );
      const row = await getSummary(db, req.actor.accountId, id);
      if (!row) throw notFound("Summary");
      reply.status(201);
      return presentSummary(row);
    },
  );

  r.get(
    "/api/v1/conversations/:id/follow-ups",
    { schema: { tags: ["guidance"], summary: "Follow-up tasks, soonest first", params: IdParams, response: { 200: z.object({ items: z.array(FollowUp) }) } } },
    async (req) => {
      await conversationOr404(req.actor.accountId, req.params.id);
      return { items: (await listFollowUps(db, req.actor.accountId, req.params.id)).map(presentFollowUp) };
    },
  );

  r.post(
    "/api/v1/conversations/:id/follow-ups",
    {
      schema: {
        tags: ["guidance"],
        summary: "Create a follow-up task: reminds its assignee at the due time and, when done, tells the customer",
        params: IdParams,
        body: CreateFollowUpInput,
        response: { 201: FollowUp },
      },
    },
    async (req, reply) => {
      const { id } = await app.ctx.write(req.actor, (tx) => createFollowUp({ tx, actor: req.actor, conversationId: req.params.id, input: req.body }));
      const row = await getFollowUp(db, req.actor.accountId, id);
      if (!row) throw notFound("Follow-up");
      reply.status(201);
      return presentFollowUp(row);
    },
  );

  r.patch(
    "/api/v1/follow-ups/:id",
    {
      schema: {
        tags: ["guidance"],
        summary: "Rename, move, complete or cancel a follow-up (done: the customer is told, unless notifyCustomer is off)",
        params: IdParams,
        body: UpdateFollowUpInput,
        response: { 200: FollowUp },
      },
    },
    async (req) => {
      await app.ctx.write(req.actor, (tx) => updateFollowUp({ tx, actor: req.actor, id: req.params.id, changes: req.body }));
      const row = await getFollowUp(db, req.actor.accountId, req.params.id);
      if (!row) throw notFound("Follow-up");
      return presentFollowUp(row);
    },
  );

  r.post(
    "/api/v1/messages/:id/translate",
    {
      config: { rateLimit: llmRateLimit("translate-message") },
      schema: {
        tags: ["guidance"],
        summary: "Translate a customer's message (LLM configured; 503 translation_unavailable otherwise; 400 for replies and notes)",
        params: IdParams,
        body: TranslateMessageInput,
        response: { 200: Message },
      },
    },
    async (req) => {
      const message = await messageToTranslate(db, req.actor.accountId, req.params.id);
      const text = await translateText(llm, message.text.slice(0, 20_000), req.body.target, message.language, req.log);
      await app.ctx.write(req.actor, (tx) => translateMessage({ tx, actor: req.actor, message, text, target: req.body.target }));
      const [row] = await getMessagesByIds(db, [message.id]);
      return presentMessage(row);
    },
  );

  r.post(
    "/api/v1/translate",
    {
      config: { rateLimit: llmRateLimit("translate") },
      schema: {
        tags: ["guidance"],
        summary: "Translate text for the composer (LLM configured; 503 translation_unavailable otherwise)",
        body: TranslateInput,
        response: { 200: Translation },
      },
    },
    async (req) => {
      const text = await translateText(llm, req.body.text, req.body.target, req.body.source, req.log);
      return { text, source: req.body.source ?? null, target: req.body.target, engine: "llm" as const };
    },
  );
}
