import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { CreateInboxInput, IdParams, InboundEmail, Inbox, UpdateInboxInput } from "../../../shared/schemas";
import type { ZodTypeProvider } from "../../http/zod";
import { forbidden, notFound } from "../../lib/errors";
import { policies } from "../../policies";
import { presentInboundEmail, presentInbox } from "./present";
import { getInbox, listInboundEmails, listInboxes } from "./queries";
import { createInbox, deleteInbox, updateInbox } from "./save-inbox";

const ADMINS_ONLY = "Only admins and owners can manage inboxes";

export async function inboxRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const deps = { box: ctx.box, allowPrivateHosts: ctx.config.email.allowPrivateHosts };

  const Receiver = z.object({ host: z.string(), port: z.number().int() }).nullable();
  r.get(
    "/api/v1/inboxes",
    {
      schema: {
        tags: ["inboxes"],
        summary: "List inboxes, and where the built-in SMTP receiver takes mail (for the MX or forwarding rule)",
        response: { 200: z.object({ items: z.array(Inbox), receiver: Receiver }) },
      },
    },
    async (req) => {
      const smtp = ctx.config.email.smtp;
      const host =
        smtp?.hostname ?? (ctx.config.publicUrl ? new URL(ctx.config.publicUrl).hostname : (req.headers.host ?? "").split(":")[0]);
      return {
        items: (await listInboxes(ctx.db, req.actor.accountId)).map((i) => presentInbox(i, ctx.publicUrl(req))),
        receiver: smtp ? { host, port: ctx.email?.smtpPort() ?? smtp.port } : null,
      };
    },
  );

  r.get(
    "/api/v1/inboxes/:id",
    { schema: { tags: ["inboxes"], summary: "Get an inbox", params: IdParams, response: { 200: Inbox } } },
    async (req) => {
      const row = await getInbox(ctx.db, req.actor.accountId, req.params.id);
      if (!row) throw notFound("Inbox");
      return presentInbox(row, ctx.publicUrl(req));
    },
  );

  r.post(
    "/api/v1/inboxes",
    { schema: { tags: ["inboxes"], summary: "Add an email or chat inbox", body: CreateInboxInput, response: { 201: Inbox } } },
    async (req, reply) => {
      if (!policies.manageInboxes(req.actor)) throw forbidden(ADMINS_ONLY);
      const id = await ctx.write(req.actor, (tx) => createInbox({ tx, actor: req.actor, ...deps, input: req.body }));
      ctx.email?.inboxesChanged();
      reply.status(201);
      return presentInbox((await getInbox(ctx.db, req.actor.accountId, id))!, ctx.publicUrl(req));
    },
  );

  r.patch(
    "/api/v1/inboxes/:id",
    { schema: { tags: ["inboxes"], summary: "Change an inbox", params: IdParams, body: UpdateInboxInput, response: { 200: Inbox } } },
    async (req) => {
      if (!policies.manageInboxes(req.actor)) throw forbidden(ADMINS_ONLY);
      await ctx.write(req.actor, (tx) => updateInbox({ tx, actor: req.actor, ...deps, id: req.params.id, input: req.body }));
      ctx.email?.inboxesChanged();
      return presentInbox((await getInbox(ctx.db, req.actor.accountId, req.params.id))!, ctx.publicUrl(req));
    },
  );

  r.delete("/api/v1/inboxes/:id", { schema: { tags: ["inboxes"], summary: "Remove an inbox", params: IdParams } }, async (req, reply) => {
    if (!policies.manageInboxes(req.actor)) throw forbidden(ADMINS_ONLY);
    await ctx.write(req.actor, (tx) => deleteInbox({ tx, actor: req.actor, id: req.params.id }));
    ctx.email?.inboxesChanged();
    reply.status(204);
  });

  r.get(
    "/api/v1/inbound-emails",
    {
      schema: {
        tags: ["inboxes"],
        summary: "Inbound mail by state (admins): what could not be processed is kept raw here",
        querystring: z.object({
          status: z.enum(["received", "processed", "unprocessable"]).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(InboundEmail) }) },
      },
    },
    async (req) => {
      if (!policies.manageInboxes(req.actor)) throw forbidden(ADMINS_ONLY);
      return { items: (await listInboundEmails(ctx.db, req.actor.accountId, req.query.status, req.query.limit)).map(presentInboundEmail) };
    },
  );
}
