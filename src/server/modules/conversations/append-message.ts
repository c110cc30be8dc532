import { sql } from "drizzle-orm";
import type { EventActor } from "../../actor";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { badRequest } from "../../lib/errors";
import { searchConfigFor } from "../../lib/language";
import { htmlToText, sanitizeMessageHtml } from "../../lib/sanitize";

const PREVIEW_CHARS = 160;
export const SEARCH_CHARS = 10_000;
const SEARCH_MAX_MESSAGES = 500;

/** `htmlSanitized`: a channel already sanitized the HTML with its own rules (email: remote images held back). */
export type MessageContent = { text?: string; html?: string; htmlSanitized?: boolean };

/** Sanitised HTML and the plain text every message has (for previews, search and text-only channels). */
export function normalizeContent(content: MessageContent): { text: string; html: string | null } {
  const html = content.html?.trim() ? (content.htmlSanitized ? content.html : sanitizeMessageHtml(content.html)) : null;
  const text = content.text?.trim() ? content.text.replace(/\r\n?/g, "\n") : html ? htmlToText(html) : "";
  if (!text.trim() && !html) throw badRequest("body: needs text or html with visible content", "body.text");
  return { text, html };
}

export const previewOf = (text: string) => text.replace(/\s+/g, " ").trim().slice(0, PREVIEW_CHARS);

/**
 * Adds a message to a conversation and keeps the conversation's list fields (preview, counts, activity
 * time, search vector) in step, in the caller's transaction. Records message.created.
 */
export async function appendMessage(opts: {
  tx: Tx;
  accountId: string;
  conversationId: string;
  language: string | null;
  kind: "incoming" | "reply" | "note";
  author: { userId?: string; customerId?: string };
  content: { text: string; html: string | null };
  mentions?: string[];
  actor: EventActor;
  recordCreated?: boolean;
}): Promise<{ id: string; createdAt: Date }> {
  const { tx, content } = opts;
  const ins = await tx.execute(sql`
    INSERT INTO messages (account_id, conversation_id, kind, author_user_id, author_customer_id, text, html, mentions)
    VALUES (${opts.accountId}, ${opts.conversationId}, ${opts.kind}, ${opts.author.userId ?? null}, ${opts.author.customerId ?? null},
      ${content.text}, ${content.html}, ${sql.param(opts.mentions ?? [])}::uuid[])
    RETURNING id, created_at`);
  const msg = ins.rows[0] as { id: string; created_at: Date };
  const searchText = content.text.slice(0, SEARCH_CHARS);
  const cfg = searchConfigFor(opts.language);
  const preview = previewOf(content.text);
  await tx.execute(sql`
    UPDATE conversations SET
      message_count = message_count + 1,
      preview = CASE WHEN ${opts.kind} = 'note' AND preview IS NOT NULL THEN preview ELSE ${preview} END,
      preview_kind = CASE WHEN ${opts.kind} = 'note' AND preview IS NOT NULL THEN preview_kind ELSE ${opts.kind} END,
      last_message_at = ${msg.created_at},
      last_activity_at = ${msg.created_at},
      updated_at = now(),
      search = CASE WHEN message_count < ${SEARCH_MAX_MESSAGES}
        THEN coalesce(search, ''::tsvector) || to_tsvector(${cfg}::regconfig, ${searchText}) || to_tsvector('simple', ${searchText})
          || CASE WHEN ${cfg}::regconfig = 'english'::regconfig THEN ''::tsvector ELSE to_tsvector('english', ${searchText}) END
        ELSE search END
    WHERE id = ${opts.conversationId}`);
  if (opts.recordCreated !== false) {
    await recordEvent(tx, {
      accountId: opts.accountId,
      type: "message.created",
      conversationId: opts.conversationId,
      actor: opts.actor,
      data: { messageId: msg.id, kind: opts.kind },
    });
  }
  return { id: msg.id, createdAt: msg.created_at };
}
