import type { FastifyInstance } from "fastify";
import { chatAgentRoutes } from "./agent-routes";
import { widgetFileRoutes } from "./file-routes";
import { chatFollowUpJob } from "./follow-up-job";
import { widgetFrameRoutes } from "./frame";
import { ChatHub } from "./hub";
import { followUp } from "./index";
import { widgetRoutes } from "./routes";
import { ChatRuntime } from "./runtime";
import { handleFrame, widgetSocketRoute } from "./socket";

/** The chat channel in this process: the widget's files, API and socket, agents' chat routes, live pushes. */
export async function chatPlugin(app: FastifyInstance) {
  const { ctx } = app;
  followUp.seconds = ctx.config.chatFollowUpSeconds;
  const rt = new ChatRuntime(ctx, (err) => app.log.warn({ err }, "chat push failed"));
  rt.hub = new ChatHub(ctx.bus, ctx.hub, {
    frame: (conn, raw) => handleFrame(rt, conn, raw),
    closed: (conn) => void rt.visitorLeft(conn.visitor).catch(() => {}),
    agentViewing: (accountId, conversationId) => void rt.agentViewing(accountId, conversationId).catch(() => {}),
    touch: (ids) => rt.touch(ids),
  });
  ctx.relay.listen(rt.listener());
  ctx.worker.register(chatFollowUpJob);
  app.addHook("onClose", async () => rt.close());

  await widgetFrameRoutes(app, rt);
  await widgetRoutes(app, rt);
  await widgetSocketRoute(app, rt);
  await chatAgentRoutes(app, rt);
  await app.register(async (files) => widgetFileRoutes(files, rt));
}
