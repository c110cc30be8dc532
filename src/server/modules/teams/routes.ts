import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AddTeamMemberInput, CreateTeamInput, IdParams, Team } from "../../../shared/schemas";
import type { ZodTypeProvider } from "../../http/zod";
import { forbidden, notFound } from "../../lib/errors";
import { policies } from "../../policies";
import { addTeamMember } from "./add-team-member";
import { createTeam } from "./create-team";
import { presentTeam } from "./present";
import { listTeams } from "./queries";

export async function teamRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get("/api/v1/teams", { schema: { tags: ["teams"], summary: "List teams", response: { 200: z.object({ items: z.array(Team) }) } } }, async (req) => ({
    items: (await listTeams(app.ctx.db, req.actor.accountId)).map(presentTeam),
  }));

  r.post(
    "/api/v1/teams",
    { schema: { tags: ["teams"], summary: "Create a team", body: CreateTeamInput, response: { 201: Team } } },
    async (req, reply) => {
      if (!policies.manageTeams(req.actor)) throw forbidden("Only admins and owners can manage teams");
      const team = await app.ctx.write(req.actor, (tx) => createTeam({ tx, actor: req.actor, input: req.body }));
      const [row] = await listTeams(app.ctx.db, req.actor.accountId, team.id);
      reply.status(201);
      return presentTeam(row);
    },
  );

  r.post(
    "/api/v1/teams/:id/members",
    { schema: { tags: ["teams"], summary: "Add an agent to a team", params: IdParams, body: AddTeamMemberInput, response: { 200: Team } } },
    async (req) => {
      if (!policies.manageTeams(req.actor)) throw forbidden("Only admins and owners can manage teams");
      await app.ctx.write(req.actor, (tx) => addTeamMember({ tx, actor: req.actor, teamId: req.params.id, userId: req.body.userId }));
      const [row] = await listTeams(app.ctx.db, req.actor.accountId, req.params.id);
      if (!row) throw notFound("Team");
      return presentTeam(row);
    },
  );
}
