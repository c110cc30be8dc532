import type { ChatInfo, WidgetConversation, WidgetMessage } from "../../../shared/schemas";
import type { CryptoBox } from "../../lib/crypto-box";
import { iso } from "../../lib/time";

/** Raster images the widget may show inline; anything else (SVG, HTML…) is only ever a download. */
export const RASTER_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export type WidgetMessageRow = {
  id: string;
  conversation_id: string;
  kind: "incoming" | "reply";
  author_name: string | null;
  text: string;
  client_id: string | null;
  created_at: Date | string;
  attachments: { id: string; filename: string; contentType: string; size: number }[] | null;
};

/** A capability URL for a chat file: the widget's <img> and download links carry no credentials. */
export const widgetFileUrl = (box: CryptoBox, id: string) => `/api/v1/widget/files/${id}?sig=${box.sign(`widget-file:${id}`)}`;

/** The one shape of a message as a visitor sees it: text only, never HTML, never a private note. */
export function presentWidgetMessage(m: WidgetMessageRow, box: CryptoBox): WidgetMessage {
  return {
    id: m.id,
    conversationId: m.conversation_id,
    clientId: m.client_id,
    author: m.kind === "incoming" ? { type: "visitor", name: null } : { type: "agent", name: m.author_name },
    text: m.text,
    attachments: (m.attachments ?? []).map((a) => ({
      id: a.id,
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      url: widgetFileUrl(box, a.id),
      image: RASTER_IMAGES.has(a.contentType),
    })),
    createdAt: iso(m.created_at),
  };
}

export type WidgetConversationRow = {
  id: string;
  status: WidgetConversation["status"];
  preview: string | null;
  last_message_at: Date | string | null;
  created_at: Date | string;
  unread: number;
  agent_read_at: Date | string | null;
  follow_up_email: string | null;
};

export function presentWidgetConversation(c: WidgetConversationRow): WidgetConversation {
  return {
    id: c.id,
    status: c.status,
    preview: c.preview,
    lastMessageAt: iso(c.last_message_at),
    createdAt: iso(c.created_at),
    unread: Number(c.unread),
    agentReadAt: iso(c.agent_read_at),
    followUpEmail: c.follow_up_email,
  };
}

export type ChatInfoRow = {
  conversation_id: string;
  inbox_id: string | null;
  inbox_name: string | null;
  visitor_id: string;
  name: string | null;
  email: string | null;
  external_id: string | null;
  verified: boolean;
  visitor_context: Record<string, unknown>;
  session_context: Record<string, unknown>;
  last_seen_at: Date | string;
  visitor_read_at: Date | string | null;
  agent_read_at: Date | string | null;
  follow_up_email: string | null;
};

const ONLINE_MS = 90_000;

export function presentChatInfo(r: ChatInfoRow, onlineHere: boolean): ChatInfo {
  const c = r.visitor_context as ChatInfo["visitor"]["context"];
  const lastSeen = iso(r.last_seen_at);
  return {
    conversationId: r.conversation_id,
    inbox: r.inbox_id && r.inbox_name ? { id: r.inbox_id, name: r.inbox_name } : null,
    visitor: {
      id: r.visitor_id,
      name: r.name,
      email: r.email,
      externalId: r.external_id,
      verified: r.verified,
      context: c,
      lastSeenAt: lastSeen,
      online: onlineHere || Date.now() - new Date(lastSeen).getTime() < ONLINE_MS,
    },
    startedOn: typeof r.session_context.url === "string" ? r.session_context.url : null,
    visitorReadAt: iso(r.visitor_read_at),
    agentReadAt: iso(r.agent_read_at),
    followUpEmail: r.follow_up_email,
  };
}

/** "Chrome 126 on macOS": enough for an agent to picture the visitor's screen. */
export function describeBrowser(ua: string | undefined): string | undefined {
  if (!ua) return undefined;
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Mac OS X/.test(ua)
        ? "macOS"
        : /Windows/.test(ua)
          ? "Windows"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Linux/.test(ua)
              ? "Linux"
              : null;
  const browsers: [RegExp, string][] = [
    [/Edg\/(\d+)/, "Edge"],
    [/OPR\/(\d+)/, "Opera"],
    [/Firefox\/(\d+)/, "Firefox"],
    [/SamsungBrowser\/(\d+)/, "Samsung Internet"],
    [/Chrome\/(\d+)/, "Chrome"],
    [/Version\/(\d+).*Safari/, "Safari"],
  ];
  for (const [re, name] of browsers) {
    const m = re.exec(ua);
    if (m) return `${name} ${m[1]}${os ? ` on ${os}` : ""}`;
  }
  return os ?? ua.slice(0, 60);
}
