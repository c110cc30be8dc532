import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { conflict } from "../../lib/errors";
import { sql } from "drizzle-orm";
import { type IdentityClaim, claimsFrom } from "./find-or-create-customer";
import { normalizeIdentity } from "./identities";

type Input = {
  name?: string;
  email?: string;
  phone?: string;
  externalId?: string;
  identities?: { kind: IdentityClaim["kind"]; value: string }[];
  attributes?: Record<string, unknown>;
};

export function identityClaims(input: Input): IdentityClaim[] {
  const claims = [
    ...claimsFrom(input, "body"),
    ...(input.identities ?? []).map((i, n) => ({ kind: i.kind, value: normalizeIdentity(i.kind, i.value, `body.identities.${n}.value`) })),
  ];
  const seen = new Set<string>();
  return claims.filter((c) => !seen.has(`${c.kind}:${c.value}`) && seen.add(`${c.kind}:${c.value}`));
}

/** Creates a customer; an identity another customer already holds is a 409 naming it. */
export async function createCustomer(opts: { tx: Tx; actor: Actor; input: Input }): Promise<string> {
  const { tx, actor, input } = opts;
  const claims = identityClaims(input);
  // Identities are listed, and the first email/phone shown as the customer's, in created_at order: clock_timestamp()
  // (not the transaction's now()) keeps the order they were given in.
  const attrs = Object.fromEntries(Object.entries(input.attributes ?? {}).filter(([, v]) => v !== null));
  const ins = await tx.execute(sql`
    INSERT INTO customers (account_id, name, attributes) VALUES (${actor.accountId}, ${input.name ?? null}, ${JSON.stringify(attrs)}::jsonb) RETURNING id`);
  const customerId = (ins.rows[0] as { id: string }).id;
  for (const c of claims) {
    const r = await tx.execute(sql`
      INSERT INTO customer_identities (account_id, customer_id, kind, value, created_at)
      VALUES (${actor.accountId}, ${customerId}, ${c.kind}, ${c.value}, clock_timestamp())
      ON CONFLICT DO NOTHING RETURNING id`);
    if (!r.rows.length) throw conflict(`Another customer already has the ${c.kind} ${c.value}`, "body.identities");
  }
  await recordEvent(tx, { accountId: actor.accountId, type: "customer.created", actor: eventActorOf(actor), data: { customerId } });
  return customerId;
}
