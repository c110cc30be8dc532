import { sql } from "drizzle-orm";
import type { EmailAddress } from "../../../shared/schemas";
import type { Db } from "../../db/client";
import type { JobDeps } from "../../jobs/queue";
import type { EmailInboxSettings } from "../../modules/inboxes/settings";
import { PermanentDeliveryError, type OutboundMessage } from "../types";
import { replyAddress } from "./address";
import { composeBodies, replySubject } from "./compose";
import { loopStamp } from "./own-mail";
import { deliveryError, transportFor } from "./transport";

type Row = {
  header_message_id: string;
  in_reply_to: string | null;
  references: string[];
  to: EmailAddress[];
  cc: EmailAddress[];
  subject: string | null;
  reply_token: string;
  address: string | null;
  inbox_name: string | null;
  settings: EmailInboxSettings | null;
  agent_name: string | null;
  number: number;
  account_id: string;
  sender: string | null;
};

// Names saved before the schemas refused control characters still can't break a header line.
const headerName = (name: string) =>
  [...name]
    .map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? " " : c))
    .join("")
    .trim();

/** Sends an agent's email reply, threaded, from the inbox address with the agent's name and the signature. */
export async function sendEmailReply(ctx: { db: Db; deps: JobDeps }, m: OutboundMessage): Promise<{ externalId?: string }> {
  const res = await ctx.db.execute(sql`
    SELECT e.header_message_id, e.in_reply_to, e."references", e."to", e.cc, t.subject, t.reply_token, i.address, i.name AS inbox_name,
      i.settings, u.name AS agent_name, c.number, c.account_id, msg.sender
    FROM email_messages e
    JOIN email_threads t ON t.conversation_id = e.conversation_id
    JOIN conversations c ON c.id = e.conversation_id
    JOIN messages msg ON msg.id = e.message_id
    LEFT JOIN inboxes i ON i.id = t.inbox_id
    LEFT JOIN users u ON u.id = msg.author_user_id
    WHERE e.message_id = ${m.messageId} AND e.account_id = ${m.accountId}`);
  const r = res.rows[0] as Row | undefined;
  if (!r) throw new PermanentDeliveryError("This conversation has no email thread to reply to");
  if (!r.address || !r.settings) throw new PermanentDeliveryError("The inbox of this conversation was removed");
  if (!r.to.length) throw new PermanentDeliveryError("The customer has no email address to reply to");
  const quoted = await ctx.db.execute(sql`
    SELECT m.text, m.created_at, e."from" FROM messages m JOIN email_messages e ON e.message_id = m.id
    WHERE m.conversation_id = ${m.conversationId} AND e.direction = 'in' ORDER BY m.created_at DESC LIMIT 1`);
  const last = quoted.rows[0] as { text: string; created_at: Date; from: EmailAddress | null } | undefined;
  const bodies = composeBodies({ text: m.text, html: m.html, signature: r.settings.signature, quote: last });
  const transport = await transportFor(r.settings, ctx.deps);
  try {
    const info = await transport.sendMail({
      from: { name: headerName(r.agent_name ? `${r.agent_name} (${r.inbox_name})` : (r.inbox_name ?? "")), address: r.address },
      replyTo: replyAddress(r.address, r.reply_token),
      to: r.to.map((a) => ({ name: a.name ?? "", address: a.address })),
      cc: r.cc.map((a) => ({ name: a.name ?? "", address: a.address })),
      subject: replySubject(r.subject, r.number),
      messageId: `<${r.header_message_id}>`,
      inReplyTo: r.in_reply_to ? `<${r.in_reply_to}>` : undefined,
      references: r.references.map((x) => `<${x}>`),
      text: bodies.text,
      html: bodies.html,
      headers: {
        "X-Rapport-Loop": loopStamp(ctx.deps.box, r.account_id, r.header_message_id),
        // The AI agent's replies are automatic mail (RFC 3834): well-behaved systems never answer them.
        ...(r.sender === "ai_agent" ? { "Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All" } : {}),
      },
    });
    return { externalId: info.messageId };
  } catch (err) {
    throw deliveryError(err);
  } finally {
    transport.close();
  }
}
