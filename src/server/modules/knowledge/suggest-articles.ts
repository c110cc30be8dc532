import { sql } from "drizzle-orm";
import type { Actor } from "../../actor";
import type { DbOrTx } from "../../db/client";
import { notFound } from "../../lib/errors";
import { type ArticleHit, searchArticles } from "./search";

/**
 * Knowledge for the conversation at hand: its subject and the customer's latest messages, matched against
 * published articles (internal ones included) in the conversation's language, best first. Each hit says
 * whether the article is verified, so an agent knows what to trust.
 */
export async function suggestArticles(db: DbOrTx, actor: Actor, conversationId: string, publicBase: string): Promise<ArticleHit[]> {
  const conv = await db.execute(
    sql`SELECT subject, language FROM conversations WHERE id = ${conversationId} AND account_id = ${actor.accountId}`,
  );
  const c = conv.rows[0] as { subject: string | null; language: string | null } | undefined;
  if (!c) throw notFound("Conversation");
  const msgs = await db.execute(sql`
    SELECT text FROM messages WHERE conversation_id = ${conversationId} AND account_id = ${actor.accountId} AND kind = 'incoming'
    ORDER BY created_at DESC LIMIT 5`);
  const texts = (msgs.rows as { text: string }[]).map((m) => m.text.slice(0, 2000)).reverse();
  const text = [c.subject ?? "", ...texts].join("\n");
  const { items } = await searchArticles(db, {
    accountId: actor.accountId,
    q: text,
    locale: c.language,
    audience: "agent",
    mode: "text",
    limit: 5,
    publicBase,
  });
  return items;
}
