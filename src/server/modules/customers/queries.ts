import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { decodeCursor as decode, encodeCursor as encode } from "../../lib/cursor";
import { identityFromQuery } from "./identities";
import type { CustomerRow } from "./present";

const IDENTITIES = sql`coalesce((SELECT json_agg(json_build_object('kind', i.kind, 'value', i.value) ORDER BY i.created_at, i.id)
  FROM customer_identities i WHERE i.customer_id = c.id), '[]'::json)`;

function toRow(r: Record<string, unknown>): CustomerRow {
  return {
    id: r.id as string,
    name: r.name as string | null,
    attributes: r.attributes as Record<string, unknown>,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
    identities: r.identities as CustomerRow["identities"],
  };
}

export async function getCustomer(db: DbOrTx, accountId: string, id: string): Promise<CustomerRow | undefined> {
  const res = await db.execute(sql`
    SELECT c.id, c.name, c.attributes, c.created_at, c.updated_at, ${IDENTITIES} AS identities
    FROM customers c WHERE c.account_id = ${accountId} AND c.id = ${id}`);
  return res.rows[0] ? toRow(res.rows[0] as Record<string, unknown>) : undefined;
}


/** Newest customers first; `q` matches an exact email/phone or a name fragment. */
export async function listCustomers(db: DbOrTx, accountId: string, opts: { q?: string; cursor?: string; limit: number }) {
  const ident = opts.q ? identityFromQuery(opts.q) : null;
  const cur = opts.cursor ? decode(opts.cursor) : null;
  const res = await db.execute(sql`
    SELECT c.id, c.name, c.attributes, c.created_at, c.updated_at, c.created_at::text AS cursor_t, ${IDENTITIES} AS identities
    FROM customers c
    WHERE c.account_id = ${accountId}
      ${ident ? sql`AND c.id IN (SELECT customer_id FROM customer_identities WHERE account_id = ${accountId} AND kind = ${ident.kind} AND value = ${ident.value})` : sql``}
      ${opts.q && !ident ? sql`AND c.name ILIKE ${`%${opts.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}` : sql``}
      ${cur ? sql`AND (c.created_at, c.id) < (${cur.t}::timestamptz, ${cur.id}::uuid)` : sql``}
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT ${opts.limit + 1}`);
  const rows = res.rows as Record<string, unknown>[];
  const more = rows.length > opts.limit;
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toRow),
    nextCursor: more && last ? encode({ t: last.cursor_t as string, id: last.id as string }) : null,
  };
}
