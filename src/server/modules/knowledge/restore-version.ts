import { sql } from "drizzle-orm";
import type { Actor } from "../../actor";
import type { Tx } from "../../db/client";
import { notFound } from "../../lib/errors";
import { saveTranslation } from "./save-translation";

/**
 * Brings back an earlier version's title, summary and body as a new version (history is never rewritten).
 * Whether the translation is published stays as it is now; a translation deleted since comes back as a draft.
 */
export async function restoreVersion(opts: { tx: Tx; actor: Actor; articleId: string; locale: string; version: number }) {
  const { tx, actor, articleId, locale, version } = opts;
  const res = await tx.execute(sql`
    SELECT v.title, v.summary, v.body_markdown FROM article_versions v JOIN articles a ON a.id = v.article_id
    WHERE v.article_id = ${articleId} AND a.account_id = ${actor.accountId} AND v.locale = ${locale} AND v.version = ${version}`);
  const v = res.rows[0] as { title: string; summary: string | null; body_markdown: string } | undefined;
  if (!v) throw notFound("Version");
  return saveTranslation({
    tx,
    actor,
    articleId,
    locale,
    input: { title: v.title, summary: v.summary, body: v.body_markdown },
    restoredFrom: version,
  });
}
