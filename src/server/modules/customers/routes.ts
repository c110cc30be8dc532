import type { FastifyInstance } from "fastify";
import { Conversation, CreateCustomerInput, Customer, IdParams, ListCustomersQuery, UpdateCustomerInput, page } from "../../../shared/schemas";
import type { ZodTypeProvider } from "../../http/zod";
import { notFound } from "../../lib/errors";
import { z } from "zod";
import { presentConversation } from "../conversations/present";
import { listCustomerConversations } from "../conversations/queries";
import { createCustomer } from "./create-customer";
import { presentCustomer } from "./present";
import { getCustomer, listCustomers } from "./queries";
import { updateCustomer } from "./update-customer";

const CustomerWithConversations = Customer.extend({ conversations: z.array(Conversation) });

export async function customerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;

  r.get(
    "/api/v1/customers",
    { schema: { tags: ["customers"], summary: "List customers (q: exact email/phone or part of the name)", querystring: ListCustomersQuery, response: { 200: page(Customer) } } },
    async (req) => {
      const { items, nextCursor } = await listCustomers(db, req.actor.accountId, req.query);
      return { items: items.map(presentCustomer), nextCursor };
    },
  );

  r.post(
    "/api/v1/customers",
    { schema: { tags: ["customers"], summary: "Create a customer", body: CreateCustomerInput, response: { 201: Customer } } },
    async (req, reply) => {
      const id = await app.ctx.write(req.actor, (tx) => createCustomer({ tx, actor: req.actor, input: req.body }));
      const row = await getCustomer(db, req.actor.accountId, id);
      if (!row) throw notFound("Customer");
      reply.status(201);
      return presentCustomer(row);
    },
  );

  r.get(
    "/api/v1/customers/:id",
    {
      schema: {
        tags: ["customers"],
        summary: "A customer with identities, attributes and every conversation on any channel",
        params: IdParams,
        response: { 200: CustomerWithConversations },
      },
    },
    async (req) => {
      const row = await getCustomer(db, req.actor.accountId, req.params.id);
      if (!row) throw notFound("Customer");
      const convs = await listCustomerConversations(db, req.actor.accountId, row.id);
      return { ...presentCustomer(row), conversations: convs.map((c) => presentConversation(c, req.actor)) };
    },
  );

  r.patch(
    "/api/v1/customers/:id",
    { schema: { tags: ["customers"], summary: "Update name, identities or attributes", params: IdParams, body: UpdateCustomerInput, response: { 200: Customer } } },
    async (req) => {
      await app.ctx.write(req.actor, (tx) => updateCustomer({ tx, actor: req.actor, id: req.params.id, input: req.body }));
      const row = await getCustomer(db, req.actor.accountId, req.params.id);
      if (!row) throw notFound("Customer");
      return presentCustomer(row);
    },
  );
}
