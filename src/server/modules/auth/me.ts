import { eq } from "drizzle-orm";
import type { Me } from "../../../shared/schemas";
import type { Actor } from "../../actor";
import type { DbOrTx } from "../../db/client";
import { accounts } from "../../db/schema";
import { notFound } from "../../lib/errors";
import { policies } from "../../policies";
import { presentUser } from "../users/present";
import { getUser } from "../users/queries";

/** The signed-in agent, their account, the CSRF token for writes, and what they may manage. */
export async function loadMe(db: DbOrTx, actor: Actor): Promise<Me> {
  const user = await getUser(db, actor.accountId, actor.userId);
  const [account] = await db.select().from(accounts).where(eq(accounts.id, actor.accountId));
  if (!user || !account) throw notFound("User");
  return {
    user: presentUser(user),
    account: { id: account.id, name: account.name, defaultLanguage: account.defaultLanguage },
    csrfToken: actor.csrfToken ?? null,
    can: {
      manageUsers: policies.manageUsers(actor),
      manageTeams: policies.manageTeams(actor),
      manageTokens: policies.manageTokens(actor),
    },
  };
}
