import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { Id, Notification } from "../../../shared/schemas";
import type { ZodTypeProvider } from "../../http/zod";
import { presentNotification } from "./present";
import { listNotifications } from "./queries";

export async function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/v1/notifications",
    { schema: { tags: ["notifications"], summary: "The signed-in agent's notifications", response: { 200: z.object({ items: z.array(Notification), unread: z.number().int() }) } } },
    async (req) => {
      const { items, unread } = await listNotifications(app.ctx.db, req.actor.accountId, req.actor.userId);
      return { items: items.map(presentNotification), unread };
    },
  );

  r.post(
    "/api/v1/notifications/read",
    { schema: { tags: ["notifications"], summary: "Mark notifications read (all when no ids)", body: z.strictObject({ ids: z.array(Id).max(500).optional() }).default({}) } },
    async (req, reply) => {
      const ids = req.body.ids;
      await app.ctx.db.execute(sql`
        UPDATE notifications SET read_at = now()
        WHERE user_id = ${req.actor.userId} AND account_id = ${req.actor.accountId} AND read_at IS NULL
          ${ids ? sql`AND id = ANY(${sql.param(ids)}::uuid[])` : sql``}`);
      return reply.status(204).send();
    },
  );
}
