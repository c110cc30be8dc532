import { sql } from "drizzle-orm";
import type { CreateInboxInput, UpdateInboxInput } from "../../../shared/schemas";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import type { CryptoBox } from "../../lib/crypto-box";
import { badRequest, conflict, notFound } from "../../lib/errors";
import { type ChatInboxSettings, chatSettingsOf, mergeChatSettings, newChatSettings } from "../../channels/chat/settings";
import { resolvePublicHost } from "../../lib/net-guard";
import { type EmailInboxSettings, mergeSettings } from "./settings";

type Deps = { tx: Tx; actor: Actor; box: CryptoBox; allowPrivateHosts: boolean };

/** Servers an admin names must be reachable names, and not the instance's own network (SSRF). */
async function checkHosts(input: Pick<UpdateInboxInput, "smtp" | "imap">, allowPrivate: boolean) {
  if (input.smtp) await resolvePublicHost(input.smtp.host, allowPrivate, "body.smtp.host");
  if (input.imap) await resolvePublicHost(input.imap.host, allowPrivate, "body.imap.host");
}

/** An admin adds an email inbox: its address routes mail on the built-in receiver, across accounts. */
export async function createInbox(opts: Deps & { input: CreateInboxInput }): Promise<string> {
  const { tx, actor, input } = opts;
  if (input.channel === "chat") {
    // A chat inbox has no address; its identity-verification secret is made here and stored sealed.
    const settings = newChatSettings(opts.box, input.chat);
    const res = await tx.execute(sql`
      INSERT INTO inboxes (account_id, channel, name, settings)
      VALUES (${actor.accountId}, 'chat', ${input.name}, ${JSON.stringify(settings)}::jsonb) RETURNING id`);
    const id = (res.rows[0] as { id: string }).id;
    await recordEvent(tx, { accountId: actor.accountId, type: "inbox.created", actor: eventActorOf(actor), data: { inboxId: id } });
    return id;
  }
  await checkHosts(input, opts.allowPrivateHosts);
  const settings = mergeSettings(opts.box, null, input);
  const res = await tx.execute(sql`
    INSERT INTO inboxes (account_id, channel, name, address, settings)
    VALUES (${actor.accountId}, 'email', ${input.name}, ${input.address}, ${JSON.stringify(settings)}::jsonb)
    ON CONFLICT (address) DO NOTHING RETURNING id`);
  const id = (res.rows[0] as { id: string } | undefined)?.id;
  if (!id) throw conflict("Another inbox already receives mail for this address", "body.address");
  await recordEvent(tx, { accountId: actor.accountId, type: "inbox.created", actor: eventActorOf(actor), data: { inboxId: id } });
  return id;
}

export async function updateInbox(opts: Deps & { id: string; input: UpdateInboxInput }): Promise<void> {
  const { tx, actor, input } = opts;
  const cur = await tx.execute(
    sql`SELECT channel, settings FROM inboxes WHERE id = ${opts.id} AND account_id = ${actor.accountId} FOR UPDATE`,
  );
  const row = cur.rows[0] as { channel: string; settings: EmailInboxSettings } | undefined;
  if (!row) throw notFound("Inbox");
  if (row.channel === "chat") return updateChatInbox(tx, actor, opts.id, row.settings as unknown as ChatInboxSettings, input);
  if (input.chat !== undefined) throw badRequest("body.chat: only chat inboxes have chat settings", "body.chat");
  await checkHosts(input, opts.allowPrivateHosts);
  const settings = mergeSettings(opts.box, row.settings, input);
  // A changed IMAP server starts over: its status is unknown until the fetcher has tried it.
  const imapChanged = input.imap !== undefined;
  await tx.execute(sql`
    UPDATE inboxes SET name = coalesce(${input.name ?? null}, name), settings = ${keepAiAgent(settings)}, updated_at = now()
      ${imapChanged ? sql`, imap_status = NULL, imap_error = NULL` : sql``}
    WHERE id = ${opts.id}`);
  await recordEvent(tx, { accountId: actor.accountId, type: "inbox.updated", actor: eventActorOf(actor), data: { inboxId: opts.id } });
}

/** Removes an inbox; its conversations stay (they are the customers' history). */
export async function deleteInbox(opts: Omit<Deps, "box" | "allowPrivateHosts"> & { id: string }): Promise<void> {
  const { tx, actor } = opts;
  const res = await tx.execute(sql`DELETE FROM inboxes WHERE id = ${opts.id} AND account_id = ${actor.accountId} RETURNING id`);
  if (!res.rows.length) throw notFound("Inbox");
  await recordEvent(tx, { accountId: actor.accountId, type: "inbox.deleted", actor: eventActorOf(actor), data: { inboxId: opts.id } });
}

const EMAIL_ONLY = ["signature", "receiveSmtp", "smtp", "imap", "acknowledgement"] as const;

async function updateChatInbox(tx: Tx, actor: Actor, id: string, current: ChatInboxSettings, input: UpdateInboxInput): Promise<void> {
  const wrong = EMAIL_ONLY.find((k) => input[k] !== undefined);
  if (wrong) throw badRequest(`body.${wrong}: only email inboxes have this setting`, `body.${wrong}`);
  const settings = input.chat ? mergeChatSettings(chatSettingsOf(current), input.chat) : current;
  await tx.execute(sql`
    UPDATE inboxes SET name = coalesce(${input.name ?? null}, name), settings = ${keepAiAgent(settings)}, updated_at = now()
    WHERE id = ${id}`);
  await recordEvent(tx, { accountId: actor.accountId, type: "inbox.updated", actor: eventActorOf(actor), data: { inboxId: id } });
}

/** New channel settings, keeping the AI answer agent's (set through its own route, modules/ai-agent). */
const keepAiAgent = (settings: unknown) =>
  sql`(${JSON.stringify(settings)}::jsonb || CASE WHEN settings ? 'aiAgent' THEN jsonb_build_object('aiAgent', settings->'aiAgent') ELSE '{}'::jsonb END)`;
