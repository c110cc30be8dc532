import { type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { ArticleListQuery } from "../../../shared/schemas";
import type { DbOrTx } from "../../db/client";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import type { ArticleRow, ArticleSummaryRow, CategoryRow, VersionRow } from "./present";

const TRANSLATIONS = sql`
  coalesce((SELECT json_agg(json_build_object(
      'locale', t.locale, 'title', t.title, 'summary', t.summary, 'body_markdown', t.body_markdown, 'body_html', t.body_html,
      'status', t.status, 'published_at', t.published_at, 'version', t.version, 'updated_by_id', t.updated_by_id,
      'updated_by_name', tu.name, 'updated_at', t.updated_at, 'views', t.views, 'helpful_yes', t.helpful_yes, 'helpful_no', t.helpful_no
    ) ORDER BY t.created_at, t.locale)
    FROM article_translations t LEFT JOIN users tu ON tu.id = t.updated_by_id WHERE t.article_id = a.id), '[]'::json)`;

const HEAD = sql`a.id, a.slug, a.visibility, a.category_id, a.owner_id, o.name AS owner_name, a.verify_every_days, a.verified_at,
  a.verified_by_id, v.name AS verified_by_name, a.created_at, a.updated_at`;

const FROM = sql`FROM articles a LEFT JOIN users o ON o.id = a.owner_id LEFT JOIN users v ON v.id = a.verified_by_id`;

/** One article with every translation, or null when it is not this account's. */
export async function getArticle(db: DbOrTx, accountId: string, id: string): Promise<ArticleRow | null> {
  const res = await db.execute(
    sql`SELECT ${HEAD}, ${TRANSLATIONS} AS translations ${FROM} WHERE a.id = ${id} AND a.account_id = ${accountId}`,
  );
  return (res.rows[0] as ArticleRow | undefined) ?? null;
}

const DUE = sql`(a.verified_at IS NULL OR a.verified_at + make_interval(days => a.verify_every_days) <= now())`;

/** Articles newest-edited first, filtered; keyset pages on (updated_at, id). */
export async function listArticles(
  db: DbOrTx,
  accountId: string,
  q: z.infer<typeof ArticleListQuery>,
  defaultLocale: string,
): Promise<{ items: ArticleSummaryRow[]; nextCursor: string | null }> {
  const where: SQL[] = [sql`a.account_id = ${accountId}`];
  if (q.visibility) where.push(sql`a.visibility = ${q.visibility}`);
  if (q.categoryId) where.push(sql`a.category_id = ${q.categoryId}`);
  if (q.ownerId) where.push(sql`a.owner_id = ${q.ownerId}`);
  if (q.verification === "due") where.push(DUE);
  if (q.verification === "verified") where.push(sql`NOT ${DUE}`);
  if (q.locale || q.status) {
    where.push(sql`EXISTS (SELECT 1 FROM article_translations t WHERE t.article_id = a.id
      ${q.locale ? sql`AND t.locale = ${q.locale}` : sql``} ${q.status ? sql`AND t.status = ${q.status}` : sql``})`);
  }
  if (q.q) {
    // An editor's filter: any word as typed or a title containing the text.
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`EXISTS (SELECT 1 FROM article_translations t WHERE t.article_id = a.id
      AND (t.search @@ plainto_tsquery('simple', ${q.q}) OR t.title ILIKE ${like}))`);
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.push(sql`(a.updated_at, a.id) < (${c.t}::timestamptz, ${c.id}::uuid)`);
  }
  const titleLocale = q.locale ?? defaultLocale;
  const res = await db.execute(sql`
    SELECT ${HEAD}, a.updated_at::text AS cursor_at,
      coalesce((SELECT json_agg(json_build_object('locale', t.locale, 'title', t.title, 'status', t.status) ORDER BY t.created_at, t.locale)
        FROM article_translations t WHERE t.article_id = a.id), '[]'::json) AS locales,
      coalesce((SELECT t.title FROM article_translations t WHERE t.article_id = a.id
        ORDER BY (t.locale = ${titleLocale}) DESC, t.created_at LIMIT 1), a.slug) AS title
    ${FROM}
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY a.updated_at DESC, a.id DESC
    LIMIT ${q.limit + 1}`);
  const rows = res.rows as (ArticleSummaryRow & { cursor_at: string })[];
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor({ t: last.cursor_at, id: last.id }) : null };
}

export async function listVersions(db: DbOrTx, accountId: string, articleId: string, locale: string): Promise<VersionRow[]> {
  const res = await db.execute(sql`
    SELECT v.version, v.locale, v.title, v.summary, v.body_markdown, v.status, v.author_id, u.name AS author_name, v.created_at
    FROM article_versions v LEFT JOIN users u ON u.id = v.author_id
    WHERE v.account_id = ${accountId} AND v.article_id = ${articleId} AND v.locale = ${locale}
    ORDER BY v.version DESC LIMIT 200`);
  return res.rows as VersionRow[];
}

export async function listCategories(db: DbOrTx, accountId: string, id?: string): Promise<CategoryRow[]> {
  const res = await db.execute(sql`
    SELECT c.id, c.slug, c.position, c.names,
      (SELECT count(*)::int FROM articles a WHERE a.category_id = c.id) AS article_count
    FROM article_categories c
    WHERE c.account_id = ${accountId} ${id ? sql`AND c.id = ${id}` : sql``}
    ORDER BY c.position, c.slug`);
  return res.rows as CategoryRow[];
}

/** 400 naming the field unless `userId` is an active agent of the account. */
export async function userInAccount(db: DbOrTx, accountId: string, userId: string): Promise<boolean> {
  const res = await db.execute(sql`SELECT 1 FROM users WHERE id = ${userId} AND account_id = ${accountId}`);
  return res.rows.length > 0;
}

export async function categoryInAccount(db: DbOrTx, accountId: string, categoryId: string): Promise<boolean> {
  const res = await db.execute(sql`SELECT 1 FROM article_categories WHERE id = ${categoryId} AND account_id = ${accountId}`);
  return res.rows.length > 0;
}
