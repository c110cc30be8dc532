import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { Answer, AnswerInput } from "../../../shared/schemas";
import { answerQuestion, DEFAULT_THRESHOLD } from "../../ai/answers/answer-question";
import { llmFromConfig } from "../../ai/providers";
import { llmRateLimit } from "../../http/account-rate-limit";
import type { ZodTypeProvider } from "../../http/zod";
import { forbidden, notFound } from "../../lib/errors";
import { policies } from "../../policies";
import { conversationInbox } from "../ai-agent/settings";

/** Answers per account and minute: retrieval is cheap, but an LLM behind it is not. */
export const ANSWERS_PER_MINUTE = 300;

/** Knowledge-grounded answers: what the AI answer agent would say to a question, for agents and integrations. */
export async function answerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;
  const llm = llmFromConfig(config);

  r.post(
    "/api/v1/answers",
    {
      config: { rateLimit: llmRateLimit("answers", { max: ANSWERS_PER_MINUTE }) },
      schema: {
        tags: ["answers"],
        summary: "Answer a question from the knowledge base, or say a person should take over",
        description:
          "Retrieves the published public articles that answer the question (in the customer's language, else the help center's default) and answers with the best passage, citing it; with an LLM configured the answer is written by it from those passages and checked (it must cite a given article and must not leak its instructions), else the extractive offline answer is used. `handoff` is true, with a reason, when the customer asks for a person, is upset, or no article answers confidently (the inbox's AI-agent threshold when `conversationId` is in an AI-agent inbox, else 0.55). Never an answer without a citation.",
        body: AnswerInput,
        response: { 200: Answer },
      },
    },
    async (req) => {
      if (!policies.askAnswers(req.actor)) throw forbidden();
      const { accountId } = req.actor;
      let language: string | null = null;
      let threshold = DEFAULT_THRESHOLD;
      let agentName: string | undefined;
      if (req.body.conversationId) {
        const res = await db.execute(
          sql`SELECT language FROM conversations WHERE id = ${req.body.conversationId} AND account_id = ${accountId}`,
        );
        const conv = res.rows[0] as { language: string | null } | undefined;
        if (!conv) throw notFound("Conversation");
        language = conv.language;
        const inbox = await conversationInbox(db, accountId, req.body.conversationId);
        if (inbox?.agent.enabled) {
          threshold = inbox.agent.confidenceThreshold;
          agentName = inbox.agent.name;
        }
      }
      const a = await answerQuestion({
        db,
        accountId,
        question: req.body.question,
        locale: req.body.locale ?? language,
        threshold,
        llm,
        agentName,
        publicBase: app.ctx.publicUrl(req),
      });
      if (a.llmError) req.log.warn({ reason: a.llmError }, "LLM answer not used; answered offline");
      return {
        answer: a.answer,
        citations: a.citations,
        confidence: a.confidence,
        handoff: a.handoff,
        ...(a.handoffReason ? { handoffReason: a.handoffReason } : {}),
        language: a.language,
        engine: a.engine,
      };
    },
  );
}
