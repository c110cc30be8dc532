import type { FastifyInstance } from "fastify";
import { analysisListener, analyzeMessagesJob, sweepUnanalysed } from "./analyze-job";
import { languageRoutes } from "./routes";
import { answerRoutes } from "../answers/routes";
import { aiAgentPlugin, aiAgentRoutes } from "../ai-agent/plugin";
import { guidancePlugin } from "../guidance/plugin";
import { guidanceRoutes } from "../guidance/routes";

const SWEEP_MS = 60_000;

/** The empathy and language engine: analysis of every customer message, guidance, answers, the AI answer agent. */
export async function languagePlugin(app: FastifyInstance) {
  const { ctx } = app;
  ctx.worker.register(analyzeMessagesJob);
  ctx.relay.listen(analysisListener(ctx.db, () => ctx.worker.wake()));
  if (ctx.config.runWorkers) {
    let timer: NodeJS.Timeout | null = null;
    const sweep = () => {
      timer = setTimeout(() => {
        void sweepUnanalysed(ctx.db)
          .catch((err) => app.log.warn({ err }, "analysis sweep failed"))
          .finally(() => timer && sweep());
      }, SWEEP_MS);
      timer.unref();
    };
    app.addHook("onReady", async () => sweep());
    app.addHook("onClose", async () => {
      if (timer) clearTimeout(timer);
      timer = null;
    });
  }
  await languageRoutes(app);
  await aiAgentPlugin(app);
  await answerRoutes(app);
  await aiAgentRoutes(app);
  await guidancePlugin(app);
  await guidanceRoutes(app);
}
