import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { CategoryInput, UpdateCategoryInput } from "../../../shared/schemas";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { conflict, notFound } from "../../lib/errors";

async function slugTaken(tx: Tx, accountId: string, slug: string, except?: string) {
  const res = await tx.execute(sql`
    SELECT 1 FROM article_categories WHERE account_id = ${accountId} AND slug = ${slug} ${except ? sql`AND id <> ${except}` : sql``}`);
  return res.rows.length > 0;
}

export async function createCategory(opts: { tx: Tx; actor: Actor; input: z.infer<typeof CategoryInput> }): Promise<string> {
  const { tx, actor, input } = opts;
  if (await slugTaken(tx, actor.accountId, input.slug)) throw conflict("Another category already uses this slug", "body.slug");
  const res = await tx.execute(sql`
    INSERT INTO article_categories (account_id, slug, position, names)
    VALUES (${actor.accountId}, ${input.slug}, ${input.position}, ${JSON.stringify(input.names)}::jsonb) RETURNING id`);
  const id = (res.rows[0] as { id: string }).id;
  await recordEvent(tx, {
    accountId: actor.accountId,
    type: "article_category.created",
    actor: eventActorOf(actor),
    data: { categoryId: id },
  });
  return id;
}

export async function updateCategory(opts: { tx: Tx; actor: Actor; categoryId: string; input: z.infer<typeof UpdateCategoryInput> }) {
  const { tx, actor, categoryId, input } = opts;
  const cur = await tx.execute(
    sql`SELECT 1 FROM article_categories WHERE id = ${categoryId} AND account_id = ${actor.accountId} FOR UPDATE`,
  );
  if (!cur.rows.length) throw notFound("Category");
  if (input.slug && (await slugTaken(tx, actor.accountId, input.slug, categoryId)))
    throw conflict("Another category already uses this slug", "body.slug");
  await tx.execute(sql`
    UPDATE article_categories SET slug = coalesce(${input.slug ?? null}, slug), position = coalesce(${input.position ?? null}::int, position),
      names = coalesce(${input.names ? JSON.stringify(input.names) : null}::jsonb, names)
    WHERE id = ${categoryId}`);
  await recordEvent(tx, {
    accountId: actor.accountId,
    type: "article_category.updated",
    actor: eventActorOf(actor),
    data: { categoryId, changes: input },
  });
}

/** Deletes a category; its articles stay, uncategorised. */
export async function deleteCategory(opts: { tx: Tx; actor: Actor; categoryId: string }) {
  const { tx, actor, categoryId } = opts;
  const res = await tx.execute(
    sql`DELETE FROM article_categories WHERE id = ${categoryId} AND account_id = ${actor.accountId} RETURNING id`,
  );
  if (!res.rows.length) throw notFound("Category");
  await recordEvent(tx, { accountId: actor.accountId, type: "article_category.deleted", actor: eventActorOf(actor), data: { categoryId } });
}
