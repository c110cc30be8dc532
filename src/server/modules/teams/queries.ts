import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";

type TeamRow = { id: string; name: string; memberIds: string[]; createdAt: Date };

export async function listTeams(db: DbOrTx, accountId: string, id?: string): Promise<TeamRow[]> {
  const res = await db.execute(sql`
    SELECT t.id, t.name, t.created_at,
      coalesce((SELECT array_agg(tm.user_id ORDER BY tm.created_at) FROM team_members tm WHERE tm.team_id = t.id), '{}') AS member_ids
    FROM teams t WHERE t.account_id = ${accountId} ${id ? sql`AND t.id = ${id}` : sql``}
    ORDER BY lower(t.name)`);
  return (res.rows as Record<string, unknown>[]).map((r) => ({
    id: r.id as string,
    name: r.name as string,
    createdAt: r.created_at as Date,
    memberIds: r.member_ids as string[],
  }));
}
