import { sql } from "drizzle-orm";
import type { UpdateArticleInput } from "../../../shared/schemas";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { badRequest, conflict, forbidden, notFound } from "../../lib/errors";
import { policies } from "../../policies";
import { categoryInAccount, userInAccount } from "./queries";

/**
 * Changes an article's settings (slug, visibility, category, owner, verify interval) and/or verifies it.
 * Its owner may do this; so may supervisors and up. Handing the article to another owner is for supervisors.
 */
export async function updateArticle(opts: { tx: Tx; actor: Actor; articleId: string; input: UpdateArticleInput }): Promise<void> {
  const { tx, actor, articleId, input } = opts;
  const cur = (
    await tx.execute(sql`SELECT owner_id, slug FROM articles WHERE id = ${articleId} AND account_id = ${actor.accountId} FOR UPDATE`)
  ).rows[0] as { owner_id: string | null; slug: string } | undefined;
  if (!cur) throw notFound("Article");
  if (!policies.editArticle(actor, cur.owner_id)) throw forbidden("Only the article's owner and supervisors can change it");
  if (input.ownerId !== undefined && input.ownerId !== cur.owner_id && !policies.assignArticleOwner(actor)) {
    throw forbidden("Only supervisors and up hand an article to another owner");
  }
  if (input.categoryId && !(await categoryInAccount(tx, actor.accountId, input.categoryId))) {
    throw badRequest("body.categoryId: no such category in this account", "body.categoryId");
  }
  if (input.ownerId && !(await userInAccount(tx, actor.accountId, input.ownerId))) {
    throw badRequest("body.ownerId: no such agent in this account", "body.ownerId");
  }
  if (input.slug && input.slug !== cur.slug) {
    const dup = await tx.execute(
      sql`SELECT 1 FROM articles WHERE account_id = ${actor.accountId} AND slug = ${input.slug} AND id <> ${articleId}`,
    );
    if (dup.rows.length) throw conflict("Another article already uses this slug", "body.slug");
  }
  await tx.execute(sql`
    UPDATE articles SET
      slug = coalesce(${input.slug ?? null}, slug),
      visibility = coalesce(${input.visibility ?? null}, visibility),
      category_id = ${input.categoryId === undefined ? sql`category_id` : input.categoryId},
      owner_id = ${input.ownerId === undefined ? sql`owner_id` : input.ownerId},
      verify_every_days = coalesce(${input.verifyEveryDays ?? null}::int, verify_every_days),
      verified_at = ${input.verify ? sql`now()` : sql`verified_at`},
      verified_by_id = ${input.verify ? actor.userId : sql`verified_by_id`},
      verify_reminded_at = ${input.verify ? null : sql`verify_reminded_at`},
      updated_at = now()
    WHERE id = ${articleId}`);
  if (input.visibility) {
    await tx.execute(
      sql`UPDATE article_translations SET visibility = ${input.visibility} WHERE article_id = ${articleId} AND visibility <> ${input.visibility}`,
    );
  }
  const base = { accountId: actor.accountId, actor: eventActorOf(actor) };
  const { verify, ...changes } = input;
  if (Object.keys(changes).length) await recordEvent(tx, { ...base, type: "article.updated", data: { articleId, changes } });
  if (verify) await recordEvent(tx, { ...base, type: "article.verified", data: { articleId } });
}
