import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AiAgentMetrics, AiAgentSettings, IdParams, UpdateAiAgentInput } from "../../../shared/schemas";
import type { ZodTypeProvider } from "../../http/zod";
import { forbidden, notFound } from "../../lib/errors";
import { policies } from "../../policies";
import { aiAgentMetrics } from "./metrics";
import { inboxAgent } from "./settings";
import { updateAiAgent } from "./update-ai-agent";

const tags = ["ai-agent"];
const MetricsQuery = z.strictObject({
  since: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }).optional(),
});

/** The AI answer agent of each inbox: its settings (admins change them, agents read them) and its measures. */
export async function aiAgentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;

  r.get(
    "/api/v1/inboxes/:id/ai-agent",
    {
      schema: {
        tags,
        summary: "The inbox's AI answer agent settings (off by default)",
        params: IdParams,
        response: { 200: AiAgentSettings },
      },
    },
    async (req) => {
      if (!policies.readAiAgent(req.actor)) throw forbidden();
      const inbox = await inboxAgent(db, req.actor.accountId, req.params.id);
      if (!inbox) throw notFound("Inbox");
      return inbox.agent;
    },
  );

  r.patch(
    "/api/v1/inboxes/:id/ai-agent",
    {
      schema: {
        tags,
        summary: "Turn the inbox's AI answer agent on or off, set its confidence threshold and name",
        description:
          "Admins and owners. The agent answers chat and email customers from published public articles and hands over to the team when unsure.",
        params: IdParams,
        body: UpdateAiAgentInput,
        response: { 200: AiAgentSettings },
      },
    },
    async (req) => {
      if (!policies.manageAiAgent(req.actor)) throw forbidden("Only admins and owners can change the AI answer agent");
      return app.ctx.write(req.actor, (tx) => updateAiAgent({ tx, actor: req.actor, inboxId: req.params.id, input: req.body }));
    },
  );

  r.get(
    "/api/v1/inboxes/:id/ai-agent/metrics",
    {
      schema: {
        tags,
        summary: "What the AI answer agent did: answered, resolved, handed over and why",
        description: "Counts since `since` (default: the last 30 days).",
        params: IdParams,
        querystring: MetricsQuery,
        response: { 200: AiAgentMetrics },
      },
    },
    async (req) => {
      if (!policies.readAiAgent(req.actor)) throw forbidden();
      if (!(await inboxAgent(db, req.actor.accountId, req.params.id))) throw notFound("Inbox");
      const since = req.query.since ? new Date(req.query.since) : new Date(Date.now() - 30 * 24 * 3600_000);
      return aiAgentMetrics(db, req.actor.accountId, req.params.id, since);
    },
  );
}
