import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { AiCapabilities, Analysis, AnalyzeInput, IdParams, TemperatureHistory, type Analysis as AnalysisT } from "../../../shared/schemas";
import { analyzeText, SUPPORTED_LANGUAGES } from "../../ai/engine";
import { analyzeWithLlm } from "../../ai/llm-analysis";
import { llmFromConfig } from "../../ai/providers";
import type { ZodTypeProvider } from "../../http/zod";
import { iso } from "../../lib/time";
import { notFound } from "../../lib/errors";
import { getConversation } from "../conversations/queries";
import { llmRateLimit } from "../../http/account-rate-limit";
import { messageTemperature } from "./temperature";

export async function languageRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;

  r.post(
    "/api/v1/analyze",
    {
      // A 1 MB text is valid input (it is read in bounded slices), and JSON escaping can double it.
      bodyLimit: 4 * 1024 * 1024,
      // Only `engine: "llm"` asks the model, so only it is counted (per account).
      config: { rateLimit: llmRateLimit("analyze-llm", { skip: (req) => (req.body as { engine?: string } | undefined)?.engine !== "llm" }) },
      schema: {
        tags: ["language"],
        summary: "Analyse a text: language, emotion, wants a human, urgency",
        description: "Runs the offline engine shipped with Rapport (no network, no model download); `engine` says which one answered.",
        body: AnalyzeInput,
        response: { 200: Analysis },
      },
    },
    async (req) => {
      const offline = analyzeText(req.body.text, { languageHint: req.body.language ?? null }) as AnalysisT;
      const llm = req.body.engine === "llm" ? llmFromConfig(config) : null;
      return llm ? analyzeWithLlm(llm, req.body.text, offline) : offline;
    },
  );

  r.get(
    "/api/v1/ai/capabilities",
    { schema: { tags: ["language"], summary: "What the language features can do on this server", response: { 200: AiCapabilities } } },
    async () => ({ llm: !!config.llm, translation: !!config.llm, drafting: !!config.llm, languages: [...SUPPORTED_LANGUAGES] }),
  );

  r.get(
    "/api/v1/conversations/:id/temperature",
    {
      schema: {
        tags: ["language"],
        summary: "The customer's temperature over time (one point per analysed customer message)",
        params: IdParams,
        response: { 200: TemperatureHistory },
      },
    },
    async (req) => {
      if (!(await getConversation(db, req.actor.accountId, req.params.id))) throw notFound("Conversation");
      const res = await db.execute(sql`
        SELECT id, created_at, analysis FROM (
          SELECT id, created_at, analysis FROM messages
          WHERE account_id = ${req.actor.accountId} AND conversation_id = ${req.params.id} AND kind = 'incoming' AND analysis IS NOT NULL
          ORDER BY created_at DESC, id DESC LIMIT 200) recent
        ORDER BY created_at, id`);
      const items = (res.rows as { id: string; created_at: Date; analysis: AnalysisT }[]).map((m) => ({
        messageId: m.id,
        at: iso(m.created_at) as string,
        temperature: messageTemperature(m.analysis),
        emotion: m.analysis.emotion.label,
      }));
      return { items };
    },
  );
}
