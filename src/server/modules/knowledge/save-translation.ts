import { sql } from "drizzle-orm";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { notFound } from "../../lib/errors";
import { renderMarkdown } from "./markdown";
import { textSearchConfig, vocabularyOf } from "./text";

/**
 * A translation's search vector: title weighted A, summary B, body C, stemmed in the locale's configuration;
 * title and summary also as typed ('simple'): names, codes and words the stemmer would cut. The parts are
 * values or SQL (columns, for bulk loads).
 */
export const searchVector = (cfg: string, title: unknown, summary: unknown, body: unknown) => sql`
  ${titleVector(cfg, title, summary)} || setweight(to_tsvector(${cfg}::regconfig, ${body}), 'C')`;

/** The title-and-summary part alone (search_title): what candidates are first ranked by. */
export const titleVector = (cfg: string, title: unknown, summary: unknown) => sql`
  setweight(to_tsvector(${cfg}::regconfig, ${title}), 'A') || setweight(to_tsvector('simple', ${title}), 'A') ||
  setweight(to_tsvector(${cfg}::regconfig, ${summary}), 'B') || setweight(to_tsvector('simple', ${summary}), 'B')`;

export type TranslationContent = { title: string; summary?: string | null; body: string; status?: "draft" | "published" };

/**
 * Creates or updates one translation: Markdown rendered and sanitized, search vector rebuilt (title A,
 * summary B, body C; stemmed in the locale's configuration, title and summary also as typed), version
 * bumped and the state kept in article_versions. Publishing and unpublishing are status changes here.
 */
export async function saveTranslation(opts: {
  tx: Tx;
  actor: Actor;
  articleId: string;
  locale: string;
  input: TranslationContent;
  restoredFrom?: number;
}): Promise<{ created: boolean; version: number; status: "draft" | "published" }> {
  const { tx, actor, articleId, locale, input } = opts;
  const art = await tx.execute(sql`SELECT visibility FROM articles WHERE id = ${articleId} AND account_id = ${actor.accountId} FOR UPDATE`);
  const visibility = (art.rows[0] as { visibility: string } | undefined)?.visibility;
  if (!visibility) throw notFound("Article");
  const prev = (
    await tx.execute(
      sql`SELECT status, version FROM article_translations WHERE article_id = ${articleId} AND locale = ${locale} FOR UPDATE`,
    )
  ).rows[0] as { status: "draft" | "published"; version: number } | undefined;

  const rendered = renderMarkdown(input.body);
  const cfg = await textSearchConfig(tx, locale);
  const status = input.status ?? prev?.status ?? "draft";
  const summary = input.summary?.trim() || null;
  const version = (prev?.version ?? 0) + 1;
  const vector = searchVector(cfg, input.title, summary ?? "", rendered.text);
  const head = titleVector(cfg, input.title, summary ?? "");

  if (prev) {
    await tx.execute(sql`
      UPDATE article_translations SET title = ${input.title}, summary = ${summary}, body_markdown = ${input.body},
        body_html = ${rendered.html}, body_text = ${rendered.text}, status = ${status},
        published_at = CASE WHEN ${status} = 'draft' THEN NULL WHEN status = 'draft' OR published_at IS NULL THEN now() ELSE published_at END,
        search = ${vector}, search_title = ${head}, visibility = ${visibility}, version = ${version}, updated_by_id = ${actor.userId},
        updated_at = now()
      WHERE article_id = ${articleId} AND locale = ${locale}`);
  } else {
    await tx.execute(sql`
      INSERT INTO article_translations (account_id, article_id, locale, title, summary, body_markdown, body_html, body_text, status,
        visibility, published_at, search, search_title, version, updated_by_id)
      VALUES (${actor.accountId}, ${articleId}, ${locale}, ${input.title}, ${summary}, ${input.body}, ${rendered.html}, ${rendered.text},
        ${status}, ${visibility}, ${status === "published" ? sql`now()` : null}, ${vector}, ${head}, ${version}, ${actor.userId})`);
  }
  await tx.execute(sql`
    INSERT INTO article_versions (account_id, article_id, locale, version, title, summary, body_markdown, status, author_id)
    VALUES (${actor.accountId}, ${articleId}, ${locale}, ${version}, ${input.title}, ${summary}, ${input.body}, ${status}, ${actor.userId})`);
  // Sorted: concurrent saves then take the vocabulary's row locks in one order and cannot deadlock.
  const words = vocabularyOf(`${input.title}\n${summary ?? ""}\n${rendered.text}`).sort();
  if (words.length) {
    await tx.execute(sql`
      INSERT INTO knowledge_words (account_id, locale, word) SELECT ${actor.accountId}, ${locale}, w FROM unnest(${sql.param(words)}::text[]) AS w
      ON CONFLICT DO NOTHING`);
  }
  await tx.execute(sql`UPDATE articles SET updated_at = now() WHERE id = ${articleId}`);

  const base = { accountId: actor.accountId, actor: eventActorOf(actor) };
  const data = { articleId, locale, version, ...(opts.restoredFrom ? { restoredFrom: opts.restoredFrom } : {}) };
  await recordEvent(tx, {
    ...base,
    type: opts.restoredFrom ? "article.version_restored" : prev ? "article.translation_updated" : "article.translation_created",
    data,
  });
  if (status === "published" && prev?.status !== "published") await recordEvent(tx, { ...base, type: "article.published", data });
  if (status === "draft" && prev?.status === "published") await recordEvent(tx, { ...base, type: "article.unpublished", data });
  return { created: !prev, version, status };
}
