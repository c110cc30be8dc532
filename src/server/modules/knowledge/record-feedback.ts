import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";

/**
 * A visitor's "was this helpful?" vote on one translation: one per visitor, a later vote replaces the
 * earlier one (moving its count from yes to no or back). The translation's row lock serialises votes on
 * it, so the counts never drift.
 */
export async function recordFeedback(opts: {
  tx: Tx;
  accountId: string;
  articleId: string;
  locale: string;
  visitorKey: string;
  helpful: boolean;
  comment?: string;
}): Promise<{ yes: number; no: number }> {
  const { tx, accountId, articleId, locale } = opts;
  await tx.execute(sql`SELECT 1 FROM article_translations WHERE article_id = ${articleId} AND locale = ${locale} FOR UPDATE`);
  const prev = (
    await tx.execute(
      sql`SELECT helpful FROM article_feedback WHERE article_id = ${articleId} AND locale = ${locale} AND visitor_key = ${opts.visitorKey}`,
    )
  ).rows[0] as { helpful: boolean } | undefined;
  await tx.execute(sql`
    INSERT INTO article_feedback (account_id, article_id, locale, helpful, comment, visitor_key)
    VALUES (${accountId}, ${articleId}, ${locale}, ${opts.helpful}, ${opts.comment || null}, ${opts.visitorKey})
    ON CONFLICT (article_id, locale, visitor_key) DO UPDATE SET helpful = EXCLUDED.helpful, comment = EXCLUDED.comment, created_at = now()`);
  const yes = (opts.helpful ? 1 : 0) - (prev?.helpful === true ? 1 : 0);
  const no = (opts.helpful ? 0 : 1) - (prev?.helpful === false ? 1 : 0);
  const res = await tx.execute(sql`
    UPDATE article_translations SET helpful_yes = greatest(helpful_yes + ${yes}::int, 0), helpful_no = greatest(helpful_no + ${no}::int, 0)
    WHERE article_id = ${articleId} AND locale = ${locale}
    RETURNING helpful_yes, helpful_no`);
  const row = res.rows[0] as { helpful_yes: number; helpful_no: number };
  return { yes: row.helpful_yes, no: row.helpful_no };
}
