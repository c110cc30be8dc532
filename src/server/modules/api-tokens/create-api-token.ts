import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { apiTokens } from "../../db/schema";
import { recordEvent } from "../../events/outbox";
import { randomToken, sha256 } from "../../lib/secrets";

/** A token acts as the agent who made it; only its hash is stored, the token is shown once. */
export async function createApiToken(opts: { tx: Tx; actor: Actor; name: string }) {
  const token = `rpt_${randomToken(30)}`;
  const [row] = await opts.tx
    .insert(apiTokens)
    .values({
      accountId: opts.actor.accountId,
      userId: opts.actor.userId,
      name: opts.name,
      tokenHash: sha256(token),
      prefix: token.slice(0, 8),
    })
    .returning();
  await recordEvent(opts.tx, {
    accountId: opts.actor.accountId,
    type: "api_token.created",
    actor: eventActorOf(opts.actor),
    data: { tokenId: row.id, name: row.name },
  });
  return { row, token };
}
