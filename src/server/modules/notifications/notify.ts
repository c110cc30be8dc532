import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";

/** In-app notifications for teammates; each one is pushed live to its recipient by the outbox relay. */
export async function notifyUsers(opts: {
  tx: Tx;
  accountId: string;
  userIds: string[];
  type: "mention" | "assigned" | "follow_up.due";
  conversationId: string;
  messageId?: string;
  actorUserId: string | null;
}): Promise<void> {
  for (const userId of new Set(opts.userIds)) {
    if (userId === opts.actorUserId) continue;
    const ins = await opts.tx.execute(sql`
      INSERT INTO notifications (account_id, user_id, type, conversation_id, message_id, actor_user_id)
      VALUES (${opts.accountId}, ${userId}, ${opts.type}, ${opts.conversationId}, ${opts.messageId ?? null}, ${opts.actorUserId})
      RETURNING id`);
    await recordEvent(opts.tx, {
      accountId: opts.accountId,
      type: "notification.created",
      actor: { type: "user", id: opts.actorUserId },
      data: { notificationId: (ins.rows[0] as { id: string }).id, userId },
    });
  }
}
