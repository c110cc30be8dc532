import { sql } from "drizzle-orm";
import type { CreateInboxInput, UpdateInboxInput } from "../../../shared/schemas";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import type { CryptoBox } from "../../lib/crypto-box";
import { conflict, notFound } from "../../lib/errors";
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
  const cur = await tx.execute(sql`SELECT settings FROM inboxes WHERE id = ${opts.id} AND account_id = ${actor.accountId} FOR UPDATE`);
  const row = cur.rows[0] as { settings: EmailInboxSettings } | undefined;
  if (!row) throw notFound("Inbox");
  await checkHosts(input, opts.allowPrivateHosts);
  const settings = mergeSettings(opts.box, row.settings, input);
  // A changed IMAP server starts over: its status is unknown until the fetcher has tried it.
  const imapChanged = input.imap !== undefined;
  await tx.execute(sql`
    UPDATE inboxes SET name = coalesce(${input.name ?? null}, name), settings = ${JSON.stringify(settings)}::jsonb, updated_at = now()
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
