import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { CreatedUser, CreateUserInput, User } from "../../../shared/schemas";
import type { ZodTypeProvider } from "../../http/zod";
import { forbidden } from "../../lib/errors";
import { policies } from "../../policies";
import { createUser } from "./create-user";
import { presentUser } from "./present";
import { listUsers } from "./queries";

export async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/v1/users",
    { schema: { tags: ["users"], summary: "List the account's agents", response: { 200: z.object({ items: z.array(User) }) } } },
    async (req) => ({ items: (await listUsers(app.ctx.db, req.actor.accountId)).map(presentUser) }),
  );

  r.post(
    "/api/v1/users",
    {
      schema: {
        tags: ["users"],
        summary: "Create or invite an agent",
        description: "Without a password the agent is invited: the response carries a one-time invite URL.",
        body: CreateUserInput,
        response: { 201: CreatedUser },
      },
    },
    async (req, reply) => {
      const actor = req.actor;
      if (!policies.manageUsers(actor)) throw forbidden("Only admins and owners can add users");
      if (!policies.grantRole(actor, req.body.role)) throw forbidden("Only an owner can create another owner");
      const { user, inviteToken } = await app.ctx.write(actor, (tx) =>
        createUser({ tx, actor, accountId: actor.accountId, input: req.body }),
      );
      const base = app.ctx.publicUrl(req);
      reply.status(201);
      return {
        ...presentUser({ ...user, teamIds: [] }),
        inviteUrl: inviteToken ? `${base}/invite/${inviteToken}` : undefined,
      };
    },
  );
}
