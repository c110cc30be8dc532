import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ApiToken, ApiTokenInput, CreatedApiToken, IdParams } from "../../../shared/schemas";
import { apiTokens } from "../../db/schema";
import type { ZodTypeProvider } from "../../http/zod";
import { forbidden, notFound } from "../../lib/errors";
import { policies } from "../../policies";
import { createApiToken } from "./create-api-token";

const present = (t: typeof apiTokens.$inferSelect) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
});

export async function apiTokenRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get("/api/v1/api-tokens", { schema: { tags: ["api-tokens"], summary: "List API tokens (never the secrets)", response: { 200: z.object({ items: z.array(ApiToken) }) } } }, async (req) => {
    if (!policies.manageTokens(req.actor)) throw forbidden("Only admins and owners manage API tokens");
    const rows = await app.ctx.db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.accountId, req.actor.accountId), isNull(apiTokens.revokedAt)))
      .orderBy(desc(apiTokens.createdAt));
    return { items: rows.map(present) };
  });

  r.post(
    "/api/v1/api-tokens",
    { schema: { tags: ["api-tokens"], summary: "Create an API token; the secret is returned once", body: ApiTokenInput, response: { 201: CreatedApiToken } } },
    async (req, reply) => {
      if (!policies.manageTokens(req.actor)) throw forbidden("Only admins and owners manage API tokens");
      const { row, token } = await app.ctx.write(req.actor, (tx) => createApiToken({ tx, actor: req.actor, name: req.body.name }));
      reply.status(201);
      return { id: row.id, name: row.name, token };
    },
  );

  r.delete("/api/v1/api-tokens/:id", { schema: { tags: ["api-tokens"], summary: "Revoke an API token", params: IdParams } }, async (req, reply) => {
    if (!policies.manageTokens(req.actor)) throw forbidden("Only admins and owners manage API tokens");
    const res = await app.ctx.db.execute(sql`
      UPDATE api_tokens SET revoked_at = now() WHERE id = ${req.params.id} AND account_id = ${req.actor.accountId} AND revoked_at IS NULL RETURNING id`);
    if (!res.rows.length) throw notFound("API token");
    return reply.status(204).send();
  });
}
