import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import type { NotificationRow } from "./present";

const SELECT = sql`
  SELECT n.id, n.type, n.conversation_id, c.number AS conversation_number, n.message_id, n.article_id, n.actor_user_id, u.name AS actor_name,
    coalesce(left(m.text, 140), (SELECT t.title FROM article_translations t WHERE t.article_id = n.article_id ORDER BY t.created_at LIMIT 1)) AS excerpt,
    n.read_at, n.created_at
  FROM notifications n
  LEFT JOIN conversations c ON c.id = n.conversation_id
  LEFT JOIN users u ON u.id = n.actor_user_id
  LEFT JOIN messages m ON m.id = n.message_id`;

export async function listNotifications(db: DbOrTx, accountId: string, userId: string) {
  const res = await db.execute(sql`${SELECT} WHERE n.account_id = ${accountId} AND n.user_id = ${userId} ORDER BY n.created_at DESC LIMIT 50`);
  const unread = await db.execute(sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${userId} AND account_id = ${accountId} AND read_at IS NULL`);
  return { items: res.rows as NotificationRow[], unread: (unread.rows[0] as { n: number }).n };
}

export async function getNotificationsByIds(db: DbOrTx, ids: string[]): Promise<NotificationRow[]> {
  if (!ids.length) return [];
  const res = await db.execute(sql`${SELECT} WHERE n.id = ANY(${sql.param(ids)}::uuid[])`);
  return res.rows as NotificationRow[];
}
