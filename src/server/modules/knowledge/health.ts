import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { KnowledgeHealth } from "../../../shared/schemas";
import type { DbOrTx } from "../../db/client";
import { iso } from "../../lib/time";

/**
 * How far the knowledge base can be trusted and where it falls short: the share of articles verified
 * within their interval, what visitors searched for without finding anything (last 30 days), which
 * articles visitors found helpful or not, and what the widget's suggestions achieved (last 30 days).
 */
export async function knowledgeHealth(db: DbOrTx, accountId: string): Promise<z.infer<typeof KnowledgeHealth>> {
  const counts = (
    await db.execute(sql`
      SELECT count(*)::int AS articles,
        count(*) FILTER (WHERE verified_at IS NOT NULL AND verified_at + make_interval(days => verify_every_days) > now())::int AS verified
      FROM articles WHERE account_id = ${accountId}`)
  ).rows[0] as { articles: number; verified: number };
  const gaps = await db.execute(sql`
    SELECT min(query) AS query, locale, count(*)::int AS count, max(created_at) AS last_at
    FROM help_searches WHERE account_id = ${accountId} AND results = 0 AND created_at > now() - interval '30 days'
    GROUP BY lower(query), locale ORDER BY count(*) DESC, max(created_at) DESC LIMIT 25`);
  const helpful = await db.execute(sql`
    SELECT t.article_id, t.locale, t.title, t.helpful_yes AS yes, t.helpful_no AS no
    FROM article_translations t WHERE t.account_id = ${accountId} AND t.helpful_yes + t.helpful_no > 0
    ORDER BY t.helpful_yes + t.helpful_no DESC, t.title LIMIT 25`);
  const defl = (
    await db.execute(sql`
      SELECT count(*) FILTER (WHERE kind = 'shown')::int AS shown, count(*) FILTER (WHERE kind = 'opened')::int AS opened,
        count(*) FILTER (WHERE kind = 'solved')::int AS solved, count(*) FILTER (WHERE kind = 'escalated')::int AS escalated
      FROM deflection_events WHERE account_id = ${accountId} AND created_at > now() - interval '30 days'`)
  ).rows[0] as { shown: number; opened: number; solved: number; escalated: number };
  return {
    articles: counts.articles,
    verified: counts.verified,
    due: counts.articles - counts.verified,
    trustScore: counts.articles ? Math.round((counts.verified / counts.articles) * 1000) / 1000 : 0,
    searchesWithoutResults: (gaps.rows as { query: string; locale: string; count: number; last_at: string }[]).map((g) => ({
      query: g.query,
      locale: g.locale,
      count: g.count,
      lastAt: iso(g.last_at),
    })),
    helpful: (helpful.rows as { article_id: string; locale: string; title: string; yes: number; no: number }[]).map((h) => ({
      articleId: h.article_id,
      locale: h.locale,
      title: h.title,
      yes: h.yes,
      no: h.no,
    })),
    deflection: defl,
  };
}
