import { sql } from "drizzle-orm";
import type { WidgetArticle, WidgetArticleHit } from "../../../shared/schemas";
import type { DbOrTx } from "../../db/client";
import { ensureHelpCenter, helpCenterBase } from "../../modules/knowledge/help-centers";
import { pickLocale, searchArticles } from "../../modules/knowledge/search";

/** Published public articles matching what the visitor types (recorded as a widget search). */
export async function suggestArticles(db: DbOrTx, accountId: string, q: string, locale: string | undefined, publicBase: string) {
  const out = await searchArticles(db, { accountId, q, locale, audience: "public", limit: 4, source: "widget", publicBase });
  return out.items.map(
    (h): WidgetArticleHit => ({
      id: h.articleId,
      slug: h.slug,
      title: h.title,
      snippet: h.snippet,
      url: h.url,
    }),
  );
}

/** A published public article in the visitor's language (else the help center's default), for reading in the widget. */
export async function widgetArticle(
  db: DbOrTx,
  accountId: string,
  articleId: string,
  locale: string | undefined,
  publicBase: string,
): Promise<WidgetArticle | null> {
  const hc = await ensureHelpCenter(db, accountId);
  const wanted = pickLocale(hc, locale);
  const res = await db.execute(sql`
    SELECT a.id, a.slug, t.locale, t.title, t.body_html
    FROM articles a JOIN article_translations t ON t.article_id = a.id
    WHERE a.id = ${articleId} AND a.account_id = ${accountId} AND a.visibility = 'public' AND t.status = 'published'
      AND t.locale IN (${wanted}, ${hc.defaultLocale})
    ORDER BY t.locale = ${wanted} DESC LIMIT 1`);
  const r = res.rows[0] as { id: string; slug: string; locale: string; title: string; body_html: string } | undefined;
  if (!r) return null;
  return {
    id: r.id,
    slug: r.slug,
    locale: r.locale,
    title: r.title,
    // Sanitized by the knowledge base when saved; the frame's CSP allows no script besides the widget's own.
    html: r.body_html,
    url: `${helpCenterBase(hc, publicBase)}/${r.locale}/articles/${r.slug}`,
  };
}

export async function articleExists(db: DbOrTx, accountId: string, articleId: string): Promise<boolean> {
  const res = await db.execute(sql`SELECT 1 FROM articles WHERE id = ${articleId} AND account_id = ${accountId} AND visibility = 'public'`);
  return res.rows.length > 0;
}
