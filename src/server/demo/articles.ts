import { sql } from "drizzle-orm";
import type { Actor } from "../actor";
import type { Db } from "../db/client";
import { createArticle } from "../modules/knowledge/create-article";
import { createCategory } from "../modules/knowledge/save-category";
import { saveTranslation } from "../modules/knowledge/save-translation";
import { updateHelpCenter } from "../modules/knowledge/update-help-center";
import { DEMO_ARTICLES, DEMO_CATEGORIES, DEMO_SEARCH_GAPS } from "./articles-content";

/**
 * The demo account's knowledge base and help center: categories, ~20 public articles in English with
 * Danish, German, Polish and Spanish translations, internal articles for agents, some past their
 * verification date, with views, votes and unanswered searches so the health page has something to show.
 * Written through the same use-cases as the API (search vectors, versions, events).
 */
export async function seedArticles(db: Db, opts: { author: Actor; owners: Actor[] }): Promise<{ articles: number; translations: number }> {
  const { author } = opts;
  const accountId = author.accountId;
  const categoryIds = new Map<string, string>();
  let translations = 0;
  await db.transaction(async (tx) => {
    await updateHelpCenter({
      tx,
      actor: author,
      ownHost: null,
      input: {
        title: "Northwind Help Center",
        locales: ["en", "da", "de", "pl", "es"],
        defaultLocale: "en",
        primaryColor: "#0e7c66",
        phone: "+45 70 20 30 40",
      },
    });
    for (const [i, c] of DEMO_CATEGORIES.entries()) {
      categoryIds.set(c.slug, await createCategory({ tx, actor: author, input: { slug: c.slug, position: i, names: c.names } }));
    }
  });
  for (const [i, a] of DEMO_ARTICLES.entries()) {
    const owner = opts.owners[i % opts.owners.length];
    await db.transaction(async (tx) => {
      const [first, ...rest] = Object.entries(a.t);
      const id = await createArticle({
        tx,
        actor: author,
        input: {
          slug: a.slug,
          locale: first[0],
          title: first[1].title,
          summary: first[1].summary,
          body: first[1].body,
          status: "published",
          visibility: a.internal ? "internal" : "public",
          categoryId: categoryIds.get(a.category) ?? null,
          ownerId: owner.userId,
          verifyEveryDays: 90,
        },
      });
      for (const [locale, tr] of rest) {
        await saveTranslation({ tx, actor: author, articleId: id, locale, input: { ...tr, status: "published" } });
      }
      translations += 1 + rest.length;
      const verifiedAgo = a.verifiedDaysAgo ?? (i * 7) % 60;
      await tx.execute(sql`
        UPDATE articles SET verified_at = now() - make_interval(days => ${verifiedAgo}), verified_by_id = ${owner.userId}, position = ${i}
        WHERE id = ${id}`);
      // Popular articles were read and rated; the English original the most.
      const views = a.views ?? 0;
      if (views) {
        await tx.execute(sql`
          UPDATE article_translations SET
            views = CASE WHEN locale = 'en' THEN ${views}::int ELSE ${Math.round(views / 5)}::int END,
            helpful_yes = CASE WHEN locale = 'en' THEN ${Math.round(views / 40)}::int ELSE ${Math.round(views / 200)}::int END,
            helpful_no = CASE WHEN locale = 'en' THEN ${Math.round(views / (a.verifiedDaysAgo ? 90 : 400))}::int ELSE 0 END
          WHERE article_id = ${id}`);
      }
    });
  }
  for (const g of DEMO_SEARCH_GAPS) {
    await db.execute(sql`
      INSERT INTO help_searches (account_id, query, locale, results, source, created_at)
      SELECT ${accountId}, ${g.query}, ${g.locale}, 0, 'help_center', now() - make_interval(hours => n * 7)
      FROM generate_series(1, ${g.times}) AS n`);
  }
  return { articles: DEMO_ARTICLES.length, translations };
}
