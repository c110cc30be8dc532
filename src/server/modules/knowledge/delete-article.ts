import { sql } from "drizzle-orm";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { notFound } from "../../lib/errors";

/** Deletes an article with its translations, versions and votes; its reminders go too. */
export async function deleteArticle(opts: { tx: Tx; actor: Actor; articleId: string }): Promise<void> {
  const { tx, actor, articleId } = opts;
  const res = await tx.execute(sql`DELETE FROM articles WHERE id = ${articleId} AND account_id = ${actor.accountId} RETURNING slug`);
  const row = res.rows[0] as { slug: string } | undefined;
  if (!row) throw notFound("Article");
  await tx.execute(sql`DELETE FROM notifications WHERE article_id = ${articleId} AND account_id = ${actor.accountId}`);
  await tx.execute(sql`DELETE FROM article_feedback WHERE article_id = ${articleId}`);
  await recordEvent(tx, {
    accountId: actor.accountId,
    type: "article.deleted",
    actor: eventActorOf(actor),
    data: { articleId, slug: row.slug },
  });
}
