import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";

/**
 * Finds articles past their verify-every interval (or never verified) and tells each owner once per
 * interval with an article.verify_due notification. Runs from the maintenance loop; returns how many.
 */
export async function remindVerificationDue(tx: Tx): Promise<number> {
  const res = await tx.execute(sql`
    UPDATE articles a SET verify_reminded_at = now()
    WHERE a.owner_id IS NOT NULL
      AND (a.verified_at IS NULL OR a.verified_at + make_interval(days => a.verify_every_days) <= now())
      AND (a.verify_reminded_at IS NULL OR a.verify_reminded_at + make_interval(days => a.verify_every_days) <= now())
      AND EXISTS (SELECT 1 FROM users u WHERE u.id = a.owner_id AND u.active)
    RETURNING a.id, a.account_id, a.owner_id`);
  const due = res.rows as { id: string; account_id: string; owner_id: string }[];
  for (const a of due) {
    const ins = await tx.execute(sql`
      INSERT INTO notifications (account_id, user_id, type, article_id) VALUES (${a.account_id}, ${a.owner_id}, 'article.verify_due', ${a.id})
      RETURNING id`);
    await recordEvent(tx, {
      accountId: a.account_id,
      type: "notification.created",
      actor: { type: "system", id: null },
      data: { notificationId: (ins.rows[0] as { id: string }).id, userId: a.owner_id, articleId: a.id },
    });
  }
  return due.length;
}
