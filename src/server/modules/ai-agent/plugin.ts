import type { FastifyInstance } from "fastify";
import { aiAgentAnswerJob, aiAgentListener, aiAnswerSettleJob } from "./jobs";

export { aiAgentRoutes } from "./routes";

/** The AI answer agent's jobs and its listener on message.analyzed. */
export async function aiAgentPlugin(app: FastifyInstance): Promise<void> {
  const { ctx } = app;
  ctx.worker.register(aiAgentAnswerJob);
  ctx.worker.register(aiAnswerSettleJob);
  ctx.relay.listen(aiAgentListener(ctx.db));
}
