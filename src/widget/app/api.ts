import type {
  IdentifyResult,
  SendResult,
  VisitorProfile,
  VisitorSession,
  WidgetArticle,
  WidgetArticleHit,
  WidgetConversation,
  WidgetMessage,
} from "../../shared/schemas";

/** A failed widget request; status 0 is the network. */
export class WidgetError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The visitor's credentials live in the frame's storage (Rapport's origin, partitioned per site by the browser). */
export function savedSession(inboxId: string): VisitorSession | null {
  try {
    const raw = localStorage.getItem(`rapport:${inboxId}:visitor`);
    return raw ? (JSON.parse(raw) as VisitorSession) : null;
  } catch {
    return null;
  }
}
export function saveSession(inboxId: string, s: VisitorSession | null) {
  try {
    if (s) localStorage.setItem(`rapport:${inboxId}:visitor`, JSON.stringify(s));
    else localStorage.removeItem(`rapport:${inboxId}:visitor`);
  } catch {}
}

/** The widget's HTTP API, as the visitor (x-rapport-visitor). */
export class WidgetApi {
  token: string | null = null;
  constructor(readonly inboxId: string) {}

  async call<T>(method: string, path: string, body?: unknown, raw?: { type: string; data: Blob }): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers["x-rapport-visitor"] = this.token;
    if (body !== undefined) headers["content-type"] = "application/json";
    if (raw) headers["content-type"] = raw.type;
    let res: Response;
    try {
      res = await fetch(`/api/v1/widget${path}`, {
        method,
        headers,
        body: raw ? raw.data : body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new WidgetError(0, "network", "offline");
    }
    if (res.status === 204) return undefined as T;
    const data = await res.json().catch(() => null);
    if (!res.ok) throw new WidgetError(res.status, data?.error?.code ?? "error", data?.error?.message ?? `HTTP ${res.status}`);
    return data as T;
  }

  createVisitor = () => this.call<VisitorSession>("POST", "/visitors", { inboxId: this.inboxId });
  me = () => this.call<{ visitor: VisitorProfile; conversations: WidgetConversation[] }>("GET", "/me");
  profile = (b: { name?: string; email?: string }) => this.call<VisitorProfile>("PATCH", "/me", b);
  identify = (b: { user: { id: string; email?: string; name?: string }; hmac?: string }) =>
    this.call<IdentifyResult>("POST", "/identify", b);
  messages = (id: string) =>
    this.call<{ conversation: WidgetConversation; items: WidgetMessage[] }>("GET", `/conversations/${id}/messages`);
  send = (b: { clientId: string; conversationId?: string; startedBy?: string; text: string }) =>
    this.call<SendResult>("POST", "/messages", b);
  read = (id: string) => this.call<void>("POST", `/conversations/${id}/read`);
  followUp = (id: string, email: string) => this.call<WidgetConversation>("POST", `/conversations/${id}/follow-up`, { email });
  articles = (q: string, locale: string) =>
    this.call<{ items: WidgetArticleHit[] }>("GET", `/articles?q=${encodeURIComponent(q)}&locale=${encodeURIComponent(locale)}`);
  article = (id: string, locale: string) => this.call<WidgetArticle>("GET", `/articles/${id}?locale=${encodeURIComponent(locale)}`);
  deflection = (kind: "shown" | "opened" | "solved" | "escalated", articleId?: string) =>
    this.call<void>("POST", "/deflection", articleId ? { kind, articleId } : { kind });
  upload = (file: File, target: { clientId: string; conversationId?: string; startedBy?: string }) => {
    const q = new URLSearchParams({ clientId: target.clientId, name: file.name });
    if (target.conversationId) q.set("conversationId", target.conversationId);
    if (target.startedBy) q.set("startedBy", target.startedBy);
    return this.call<SendResult>("POST", `/files?${q}`, undefined, { type: file.type || "application/octet-stream", data: file });
  };
}

export const newClientId = () => {
  const b = new Uint8Array(12);
  crypto.getRandomValues(b);
  return `w${Array.from(b, (x) => x.toString(36).padStart(2, "0")).join("")}`.slice(0, 24);
};
