import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { users } from "../../db/schema";
import type { UserRow } from "./present";

const teamIds = sql<string[]>`coalesce((SELECT array_agg(tm.team_id) FROM team_members tm WHERE tm.user_id = ${users.id}), '{}')`;

export async function listUsers(db: DbOrTx, accountId: string): Promise<UserRow[]> {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      passwordHash: users.passwordHash,
      createdAt: users.createdAt,
      teamIds,
    })
    .from(users)
    .where(eq(users.accountId, accountId))
    .orderBy(asc(users.name));
}

export async function getUser(db: DbOrTx, accountId: string, id: string): Promise<UserRow | undefined> {
  const [u] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      passwordHash: users.passwordHash,
      createdAt: users.createdAt,
      teamIds,
    })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, id)));
  return u;
}
