import type { FastifyInstance } from "fastify";
import { aiAgentAnswerJob, aiAgentListener, aiAnswerSettleJob } from "./jobs";

export { aiAgentRoutes } from "./routes";

/** The AI answer agent's jobs and its listener on message.analyzed. */
export async function aiAgentPlugin(app: FastifyInstance): Promise<void> {
  const { ctx } = app;
  ctx.worker.register(aiAgentAnswerJob);
  ctx.worker.register(aiAnswerSettleJob);
  // A customer waiting in a chat: the answer job starts at once instead of at the worker's next poll.
  ctx.relay.listen(aiAgentListener(ctx.db, () => ctx.worker.wake()));
}
