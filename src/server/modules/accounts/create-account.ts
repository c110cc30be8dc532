import type { Tx } from "../../db/client";
import { accounts } from "../../db/schema";
import { recordEvent } from "../../events/outbox";
import { createUser } from "../users/create-user";

/** A new tenant and its owner, in one transaction (setup screen, signup, first start, demo). */
export async function createAccount(opts: {
  tx: Tx;
  input: { accountName: string; name: string; email: string; password: string; defaultLanguage?: string };
}) {
  const { tx, input } = opts;
  const [account] = await tx
    .insert(accounts)
    .values({ name: input.accountName, defaultLanguage: input.defaultLanguage ?? "en" })
    .returning();
  const { user } = await createUser({
    tx,
    actor: null,
    accountId: account.id,
    input: { name: input.name, email: input.email, role: "owner", password: input.password },
  });
  await recordEvent(tx, { accountId: account.id, type: "account.created", actor: { type: "system", id: null }, data: {} });
  return { account, user };
}
