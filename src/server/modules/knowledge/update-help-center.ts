import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { HelpCenterInput } from "../../../shared/schemas";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { badRequest, conflict } from "../../lib/errors";
import { ensureHelpCenter, type HelpCenterSettings } from "./help-centers";

/**
 * Changes the help center's address, languages and branding. The default language must be one of its
 * languages; a custom domain can't be this server's own host (that would hide the agent workspace).
 */
export async function updateHelpCenter(opts: { tx: Tx; actor: Actor; input: z.infer<typeof HelpCenterInput>; ownHost: string | null }) {
  const { tx, actor, input } = opts;
  const cur = await ensureHelpCenter(tx, actor.accountId);
  await tx.execute(sql`SELECT 1 FROM help_centers WHERE account_id = ${actor.accountId} FOR UPDATE`);
  const locales = input.locales ? [...new Set(input.locales)] : cur.locales;
  const defaultLocale = input.defaultLocale ?? cur.defaultLocale;
  if (!locales.includes(defaultLocale)) {
    throw input.defaultLocale
      ? badRequest("body.defaultLocale: must be one of the help center's locales", "body.defaultLocale")
      : badRequest(`body.locales: must include the default locale (${defaultLocale})`, "body.locales");
  }
  if (input.slug && input.slug !== cur.slug) {
    const dup = await tx.execute(sql`SELECT 1 FROM help_centers WHERE slug = ${input.slug} AND account_id <> ${actor.accountId}`);
    if (dup.rows.length) throw conflict("This address is taken by another help center", "body.slug");
  }
  if (input.customDomain) {
    if (opts.ownHost && input.customDomain === opts.ownHost.toLowerCase()) {
      throw badRequest(
        "body.customDomain: this is Rapport's own host; use a separate host name such as help.example.com",
        "body.customDomain",
      );
    }
    const dup = await tx.execute(
      sql`SELECT 1 FROM help_centers WHERE custom_domain = ${input.customDomain} AND account_id <> ${actor.accountId}`,
    );
    if (dup.rows.length) throw conflict("Another help center already uses this domain", "body.customDomain");
  }
  if (input.chatInboxId) {
    const inbox = await tx.execute(sql`SELECT channel FROM inboxes WHERE id = ${input.chatInboxId} AND account_id = ${actor.accountId}`);
    const row = inbox.rows[0] as { channel: string } | undefined;
    if (!row) throw badRequest("body.chatInboxId: no such inbox in this account", "body.chatInboxId");
    if (row.channel !== "chat") throw badRequest("body.chatInboxId: must be a chat inbox", "body.chatInboxId");
  }
  const settings: HelpCenterSettings = { ...cur.settings };
  if (input.primaryColor !== undefined) settings.primaryColor = input.primaryColor.toLowerCase();
  if (input.phone !== undefined) settings.phone = input.phone || null;
  if (input.chatInboxId !== undefined) settings.chatInboxId = input.chatInboxId;
  await tx.execute(sql`
    UPDATE help_centers SET slug = ${input.slug ?? cur.slug}, title = ${input.title ?? cur.title},
      custom_domain = ${input.customDomain === undefined ? cur.customDomain : input.customDomain},
      default_locale = ${defaultLocale}, locales = ${sql.param(locales)}::text[], settings = ${JSON.stringify(settings)}::jsonb, updated_at = now()
    WHERE account_id = ${actor.accountId}`);
  await recordEvent(tx, { accountId: actor.accountId, type: "help_center.updated", actor: eventActorOf(actor), data: { changes: input } });
}
