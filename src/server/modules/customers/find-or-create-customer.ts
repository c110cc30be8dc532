import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { type IdentityKind, normalizeIdentity } from "./identities";

export type IdentityClaim = { kind: IdentityKind; value: string };

/**
 * Finds the customer one of these identities belongs to, or creates one holding all of them. Identities
 * the found customer lacks are added (unless another customer already holds them). Safe under concurrent
 * first contacts: the unique (account, kind, value) index decides, the loser adopts the winner.
 */
export async function findOrCreateCustomer(opts: {
  tx: Tx;
  accountId: string;
  identities: IdentityClaim[];
  name?: string;
}): Promise<{ customerId: string; created: boolean }> {
  const { tx, accountId } = opts;
  const claims = opts.identities;
  const kinds = claims.map((c) => c.kind);
  const values = claims.map((c) => c.value);
  const found = await tx.execute(sql`
    SELECT customer_id FROM customer_identities
    WHERE account_id = ${accountId} AND (kind, value) IN (SELECT * FROM unnest(${sql.param(kinds)}::text[], ${sql.param(values)}::text[]))
    ORDER BY created_at LIMIT 1`);
  let customerId = (found.rows[0] as { customer_id: string } | undefined)?.customer_id;
  let created = false;
  if (!customerId) {
    const ins = await tx.execute(sql`INSERT INTO customers (account_id, name) VALUES (${accountId}, ${opts.name ?? null}) RETURNING id`);
    customerId = (ins.rows[0] as { id: string }).id;
    created = true;
  } else if (opts.name) {
    await tx.execute(sql`UPDATE customers SET name = ${opts.name}, updated_at = now() WHERE id = ${customerId} AND name IS NULL`);
  }
  const added = await tx.execute(sql`
    INSERT INTO customer_identities (account_id, customer_id, kind, value)
    SELECT ${accountId}, ${customerId}, k, v FROM unnest(${sql.param(kinds)}::text[], ${sql.param(values)}::text[]) AS t(k, v)
    ON CONFLICT (account_id, kind, value) DO NOTHING
    RETURNING id`);
  if (created && added.rows.length === 0) {
    // A concurrent first contact won every identity: use its customer and drop ours.
    await tx.execute(sql`DELETE FROM customers WHERE id = ${customerId}`);
    const winner = await tx.execute(sql`
      SELECT customer_id FROM customer_identities
      WHERE account_id = ${accountId} AND kind = ${kinds[0]} AND value = ${values[0]}`);
    return { customerId: (winner.rows[0] as { customer_id: string }).customer_id, created: false };
  }
  return { customerId, created };
}

/** Identities from the API's {email, phone, externalId} shorthand, normalised, with field names for errors. */
export function claimsFrom(input: { email?: string; phone?: string; externalId?: string }, prefix: string): IdentityClaim[] {
  const out: IdentityClaim[] = [];
  if (input.email) out.push({ kind: "email", value: normalizeIdentity("email", input.email, `${prefix}.email`) });
  if (input.phone) out.push({ kind: "phone", value: normalizeIdentity("phone", input.phone, `${prefix}.phone`) });
  if (input.externalId) out.push({ kind: "external", value: normalizeIdentity("external", input.externalId, `${prefix}.externalId`) });
  return out;
}
