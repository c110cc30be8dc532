import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

/** What visitors may read: public articles' published translations, in their language or the default one. */

export type ListedArticle = {
  slug: string;
  locale: string;
  title: string;
  summary: string | null;
  categoryId: string | null;
  views: number;
};
export type PublicCategory = { id: string; slug: string; name: string; description: string | null; count: number };

const pickTranslation = (accountId: string, locale: string, fallback: string) => sql`
  SELECT DISTINCT ON (a.id) a.id, a.slug, a.category_id, a.position, t.locale, t.title, t.summary, t.views
  FROM articles a JOIN article_translations t ON t.article_id = a.id
  WHERE a.account_id = ${accountId} AND a.visibility = 'public' AND t.status = 'published' AND t.locale IN (${locale}, ${fallback})
  ORDER BY a.id, (t.locale = ${locale}) DESC`;

const listed = (r: Record<string, unknown>): ListedArticle => ({
  slug: r.slug as string,
  locale: r.locale as string,
  title: r.title as string,
  summary: (r.summary as string | null) ?? null,
  categoryId: (r.category_id as string | null) ?? null,
  views: Number(r.views),
});

/** Categories in order, named in the visitor's language, with how many articles they can read in each. */
export async function publicCategories(db: Db, accountId: string, locale: string, fallback: string): Promise<PublicCategory[]> {
  const res = await db.execute(sql`
    WITH v AS (${pickTranslation(accountId, locale, fallback)})
    SELECT c.id, c.slug, c.names, (SELECT count(*)::int FROM v WHERE v.category_id = c.id) AS count
    FROM article_categories c WHERE c.account_id = ${accountId} ORDER BY c.position, c.slug`);
  return (res.rows as { id: string; slug: string; names: Record<string, { name: string; description?: string }>; count: number }[]).map(
    (c) => {
      const n = c.names[locale] ?? c.names[fallback] ?? Object.values(c.names)[0];
      return { id: c.id, slug: c.slug, name: n?.name ?? c.slug, description: n?.description ?? null, count: c.count };
    },
  );
}

export async function popularArticles(db: Db, accountId: string, locale: string, fallback: string, limit = 8): Promise<ListedArticle[]> {
  const res = await db.execute(sql`
    SELECT * FROM (${pickTranslation(accountId, locale, fallback)}) v ORDER BY v.views DESC, v.title LIMIT ${limit}`);
  return (res.rows as Record<string, unknown>[]).map(listed);
}

export async function categoryArticles(
  db: Db,
  accountId: string,
  categoryId: string,
  locale: string,
  fallback: string,
): Promise<ListedArticle[]> {
  const res = await db.execute(sql`
    SELECT * FROM (${pickTranslation(accountId, locale, fallback)}) v WHERE v.category_id = ${categoryId}
    ORDER BY v.position, v.title LIMIT 200`);
  return (res.rows as Record<string, unknown>[]).map(listed);
}

export type PublicTranslation = {
  locale: string;
  title: string;
  summary: string | null;
  html: string;
  updatedAt: Date | string;
  helpfulYes: number;
  helpfulNo: number;
};
export type PublicArticle = { id: string; slug: string; categoryId: string | null; translations: PublicTranslation[] };

/** A public article with its published translations; null for drafts, internal articles and other accounts'. */
export async function publicArticle(db: Db, accountId: string, slug: string): Promise<PublicArticle | null> {
  const res = await db.execute(sql`
    SELECT a.id, a.slug, a.category_id,
      json_agg(json_build_object('locale', t.locale, 'title', t.title, 'summary', t.summary, 'html', t.body_html,
        'updatedAt', t.updated_at, 'helpfulYes', t.helpful_yes, 'helpfulNo', t.helpful_no) ORDER BY t.locale) AS translations
    FROM articles a JOIN article_translations t ON t.article_id = a.id AND t.status = 'published'
    WHERE a.account_id = ${accountId} AND a.slug = ${slug} AND a.visibility = 'public'
    GROUP BY a.id`);
  const r = res.rows[0] as { id: string; slug: string; category_id: string | null; translations: PublicTranslation[] } | undefined;
  return r ? { id: r.id, slug: r.slug, categoryId: r.category_id, translations: r.translations } : null;
}

/** A page view. Counted without waiting for the disk flush: a crash may lose the last few views, never data. */
export async function countView(db: Db, articleId: string, locale: string): Promise<void> {
  await db.execute(sql`
    WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
    UPDATE article_translations SET views = views + 1 FROM async WHERE article_id = ${articleId} AND locale = ${locale}`);
}
