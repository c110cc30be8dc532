import { sql } from "drizzle-orm";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { conflict, notFound } from "../../lib/errors";

/** Removes one language of an article (its history stays, for restore). The last one can't go: delete the article. */
export async function deleteTranslation(opts: { tx: Tx; actor: Actor; articleId: string; locale: string }): Promise<void> {
  const { tx, actor, articleId, locale } = opts;
  const art = await tx.execute(sql`SELECT 1 FROM articles WHERE id = ${articleId} AND account_id = ${actor.accountId} FOR UPDATE`);
  if (!art.rows.length) throw notFound("Article");
  const locales = (await tx.execute(sql`SELECT locale FROM article_translations WHERE article_id = ${articleId}`)).rows as {
    locale: string;
  }[];
  if (!locales.some((l) => l.locale === locale)) throw notFound("Translation");
  if (locales.length === 1) throw conflict("This is the article's only translation; delete the article instead", "params.locale");
  await tx.execute(sql`DELETE FROM article_translations WHERE article_id = ${articleId} AND locale = ${locale}`);
  await tx.execute(sql`UPDATE articles SET updated_at = now() WHERE id = ${articleId}`);
  await recordEvent(tx, {
    accountId: actor.accountId,
    type: "article.translation_deleted",
    actor: eventActorOf(actor),
    data: { articleId, locale },
  });
}
