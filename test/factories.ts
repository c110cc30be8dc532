import { sql } from "drizzle-orm";
import type { Role } from "../src/shared/schemas";
import type { Actor } from "../src/server/actor";
import type { Db } from "../src/server/db/client";
import { hashPassword, randomToken, sha256 } from "../src/server/lib/secrets";

export const PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | null = null;
/** scrypt is deliberately slow; hash the shared test password once per process. */
const hashed = () => (passwordHash ??= hashPassword(PASSWORD));

export type TestUser = { id: string; accountId: string; email: string; name: string; role: Role; token: string };

/** The user as a use-case's actor (for seeding through use-cases, as the API would with their token). */
export const actorOf = (u: TestUser): Actor => ({ accountId: u.accountId, userId: u.id, name: u.name, role: u.role, via: "token" });

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}${randomToken(3).toLowerCase().replace(/[^a-z0-9]/g, "")}`;

export async function createAccount(db: Db, name = "Acme"): Promise<string> {
  const res = await db.execute(sql`INSERT INTO accounts (name) VALUES (${name}) RETURNING id`);
  return (res.rows[0] as { id: string }).id;
}

/** A user with the shared test password and an API token acting as them. */
export async function createUser(db: Db, accountId: string, opts: { role?: Role; name?: string; email?: string } = {}): Promise<TestUser> {
  const id = uniq();
  const name = opts.name ?? `Agent ${id}`;
  const email = opts.email ?? `agent-${id}@example.com`;
  const role = opts.role ?? "agent";
  const res = await db.execute(sql`
    INSERT INTO users (account_id, name, email, role, password_hash) VALUES (${accountId}, ${name}, ${email}, ${role}, ${await hashed()})
    RETURNING id`);
  const userId = (res.rows[0] as { id: string }).id;
  const token = `rpt_${randomToken(30)}`;
  await db.execute(sql`
    INSERT INTO api_tokens (account_id, user_id, name, token_hash, prefix) VALUES (${accountId}, ${userId}, 'test', ${sha256(token)}, ${token.slice(0, 8)})`);
  return { id: userId, accountId, email, name, role, token };
}

/** An account with an owner, an admin, a supervisor and two agents. */
export async function createTeamOfAgents(db: Db, name = "Acme") {
  const accountId = await createAccount(db, name);
  const owner = await createUser(db, accountId, { role: "owner", name: `${name} Owner` });
  const admin = await createUser(db, accountId, { role: "admin", name: `${name} Admin` });
  const supervisor = await createUser(db, accountId, { role: "supervisor", name: `${name} Supervisor` });
  const agent = await createUser(db, accountId, { role: "agent", name: `${name} Agent` });
  const agent2 = await createUser(db, accountId, { role: "agent", name: `${name} Second` });
  return { accountId, owner, admin, supervisor, agent, agent2 };
}
