import type { ChatInbox, EmailInbox, Inbox, InboundEmail } from "../../../shared/schemas";
import { type ChatInboxSettings, publicChatSettings } from "../../channels/chat/settings";
import type { EmailInboxSettings, ServerSettings } from "./settings";

export type InboxRow = {
  id: string;
  account_id: string;
  channel: string;
  name: string;
  address: string;
  settings: EmailInboxSettings | ChatInboxSettings;
  imap_status: string | null;
  imap_error: string | null;
  imap_checked_at: Date | string | null;
  created_at: Date | string;
};

const iso = (d: Date | string) => new Date(d).toISOString();
const server = (s: ServerSettings) => ({ host: s.host, port: s.port, security: s.security, user: s.user, hasPassword: !!s.password });

/**
 * The one JSON shape of an inbox: credentials never leave the server, only whether one is set (a chat
 * inbox's identity secret has its own admin-only route). `baseUrl` is where this Rapport is reached.
 */
export function presentInbox(r: InboxRow, baseUrl: string): Inbox {
  return r.channel === "chat" ? presentChatInbox(r, baseUrl) : presentEmailInbox(r);
}

function presentChatInbox(r: InboxRow, baseUrl: string): ChatInbox {
  const scriptUrl = `${baseUrl}/widget.js`;
  return {
    id: r.id,
    channel: "chat",
    name: r.name,
    chat: publicChatSettings(r.settings as ChatInboxSettings),
    widget: { scriptUrl, snippet: `<script src="${scriptUrl}" data-inbox="${r.id}" async></script>` },
    createdAt: iso(r.created_at),
  };
}

function presentEmailInbox(r: InboxRow): EmailInbox {
  const s = r.settings as EmailInboxSettings;
  return {
    id: r.id,
    channel: "email",
    name: r.name,
    address: r.address,
    signature: s.signature,
    receiveSmtp: s.receiveSmtp,
    smtp: s.smtp ? server(s.smtp) : null,
    imap: s.imap ? { ...server(s.imap), folder: s.imap.folder, moveTo: s.imap.moveTo } : null,
    acknowledgement: s.acknowledgement,
    imapStatus: s.imap
      ? {
          state: (r.imap_status as "ok" | "error" | null) ?? "pending",
          error: r.imap_error,
          checkedAt: r.imap_checked_at ? iso(r.imap_checked_at) : null,
        }
      : null,
    createdAt: iso(r.created_at),
  };
}

export type InboundEmailRow = {
  id: number;
  inbox_id: string;
  via: "smtp" | "imap";
  mail_from: string | null;
  message_id_header: string;
  size: number;
  status: InboundEmail["status"];
  outcome: string | null;
  error: string | null;
  conflict: boolean;
  conversation_id: string | null;
  created_at: Date | string;
};

export function presentInboundEmail(r: InboundEmailRow): InboundEmail {
  return {
    id: Number(r.id),
    inboxId: r.inbox_id,
    via: r.via,
    mailFrom: r.mail_from,
    messageId: r.message_id_header,
    size: r.size,
    status: r.status,
    outcome: r.outcome,
    error: r.error,
    conflict: r.conflict,
    conversationId: r.conversation_id,
    createdAt: iso(r.created_at),
  };
}
