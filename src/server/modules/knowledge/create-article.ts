import { sql } from "drizzle-orm";
import type { CreateArticleInput } from "../../../shared/schemas";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { badRequest, conflict, forbidden } from "../../lib/errors";
import { policies } from "../../policies";
import { ensureHelpCenter } from "./help-centers";
import { categoryInAccount, userInAccount } from "./queries";
import { saveTranslation } from "./save-translation";
import { slugify } from "./text";

/**
 * A new article with its first translation. Its author vouches for it: the article starts verified by
 * them and owned by them unless another owner is named. Without a slug, one is made from the title.
 */
export async function createArticle(opts: { tx: Tx; actor: Actor; input: CreateArticleInput }): Promise<string> {
  const { tx, actor, input } = opts;
  if (input.categoryId && !(await categoryInAccount(tx, actor.accountId, input.categoryId))) {
    throw badRequest("body.categoryId: no such category in this account", "body.categoryId");
  }
  const ownerId = input.ownerId === undefined ? actor.userId : input.ownerId;
  if (ownerId !== actor.userId && !policies.assignArticleOwner(actor))
    throw forbidden("Only supervisors and up make another agent the owner of an article");
  if (ownerId && !(await userInAccount(tx, actor.accountId, ownerId)))
    throw badRequest("body.ownerId: no such agent in this account", "body.ownerId");
  await ensureHelpCenter(tx, actor.accountId);
  const slug = input.slug ?? (await freeSlug(tx, actor.accountId, slugify(input.title)));
  const ins = await tx.execute(sql`
    INSERT INTO articles (account_id, slug, category_id, visibility, owner_id, verify_every_days, verified_at, verified_by_id)
    VALUES (${actor.accountId}, ${slug}, ${input.categoryId ?? null}, ${input.visibility}, ${ownerId}, ${input.verifyEveryDays}, now(), ${actor.userId})
    ON CONFLICT (account_id, slug) DO NOTHING
    RETURNING id`);
  const id = (ins.rows[0] as { id: string } | undefined)?.id;
  if (!id) throw conflict("Another article already uses this slug", "body.slug");
  await recordEvent(tx, { accountId: actor.accountId, type: "article.created", actor: eventActorOf(actor), data: { articleId: id, slug } });
  await saveTranslation({
    tx,
    actor,
    articleId: id,
    locale: input.locale,
    input: { title: input.title, summary: input.summary, body: input.body, status: input.status },
  });
  return id;
}

/** `base`, or base-2, base-3… whichever no article of the account uses yet. */
export async function freeSlug(tx: Tx, accountId: string, base: string): Promise<string> {
  const res = await tx.execute(sql`
    SELECT slug FROM articles WHERE account_id = ${accountId} AND (slug = ${base} OR slug ~ ${`^${base}-[0-9]+$`})`);
  const taken = new Set((res.rows as { slug: string }[]).map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
