import { sql } from "drizzle-orm";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { conflict, notFound } from "../../lib/errors";
import { normalizeIdentity, type IdentityKind } from "./identities";

/** Renames, replaces identities, merges attributes (null removes a key). */
export async function updateCustomer(opts: {
  tx: Tx;
  actor: Actor;
  id: string;
  input: { name?: string | null; identities?: { kind: IdentityKind; value: string }[]; attributes?: Record<string, unknown> };
}) {
  const { tx, actor, id, input } = opts;
  const cur = await tx.execute(sql`SELECT attributes FROM customers WHERE id = ${id} AND account_id = ${actor.accountId} FOR UPDATE`);
  if (!cur.rows.length) throw notFound("Customer");
  const attrs = { ...((cur.rows[0] as { attributes: Record<string, unknown> }).attributes ?? {}) };
  for (const [k, v] of Object.entries(input.attributes ?? {})) {
    if (v === null) delete attrs[k];
    else attrs[k] = v;
  }
  await tx.execute(sql`
    UPDATE customers SET attributes = ${JSON.stringify(attrs)}::jsonb, updated_at = now()
      ${input.name !== undefined ? sql`, name = ${input.name}` : sql``}
    WHERE id = ${id}`);
  if (input.identities) {
    const claims = input.identities.map((i, n) => ({ kind: i.kind, value: normalizeIdentity(i.kind, i.value, `body.identities.${n}.value`) }));
    await tx.execute(sql`DELETE FROM customer_identities WHERE customer_id = ${id}`);
    for (const c of claims) {
      const r = await tx.execute(sql`
        INSERT INTO customer_identities (account_id, customer_id, kind, value, created_at)
        VALUES (${actor.accountId}, ${id}, ${c.kind}, ${c.value}, clock_timestamp())
        ON CONFLICT (account_id, kind, value) DO UPDATE SET kind = EXCLUDED.kind WHERE customer_identities.customer_id = ${id}
        RETURNING id`);
      if (!r.rows.length) throw conflict(`Another customer already has the ${c.kind} ${c.value}`, "body.identities");
    }
  }
  await recordEvent(tx, {
    accountId: actor.accountId,
    type: "customer.updated",
    actor: eventActorOf(actor),
    data: { customerId: id, fields: Object.keys(input) },
  });
}
