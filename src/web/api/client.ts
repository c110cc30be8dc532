import type { z } from "zod";
import type {
  AcceptInviteInput,
  CreateInboxInput,
  EmailAddress,
  InboundEmail,
  Inbox,
  UpdateInboxInput,
  Conversation,
  ConversationEvent,
  Counts,
  Customer,
  ErrorBody,
  ListConversationsQuery,
  LoginInput,
  Me,
  Message,
  Notification,
  SetupStatus,
  SignupInput,
  Team,
  UpdateConversationInput,
  User,
} from "../../shared/schemas";

/** A failed request: `status` 0 means the network, not the server, failed. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let csrfToken: string | null = null;
let onUnauthorized: () => void = () => {};

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}
/** For the few requests that are not JSON (file uploads). */
export const currentCsrfToken = () => csrfToken;
export function setUnauthorizedHandler(fn: () => void) {
  onUnauthorized = fn;
}

// A 401 from these means "wrong credentials or link", not "your session ended".
const NO_REDIRECT_ON_401 = ["/auth/login", "/setup", "/invites/accept"];

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Every request goes through here: JSON in and out, the CSRF header on writes, typed errors. */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "network", "Can't reach Rapport. Check your connection and try again.");
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (data as Partial<ErrorBody> | null)?.error;
    if (res.status === 401 && !NO_REDIRECT_ON_401.some((p) => path.startsWith(p))) onUnauthorized();
    const fallback = res.status === 429 ? "Too many attempts. Wait a minute and try again." : `Request failed (${res.status})`;
    throw new ApiError(res.status, err?.code ?? "error", err?.message ?? fallback, err?.field);
  }
  return data as T;
}

export type Page<T> = { items: T[]; nextCursor: string | null };
export type EmailThread = {
  inbox: { id: string; name: string; address: string } | null;
  to: EmailAddress[];
  cc: EmailAddress[];
  replyAddress: string | null;
  subject: string | null;
};
export type CustomerDetail = Customer & { conversations: Conversation[] };
/** The list filters, as strings in the URL (limit and sort have server defaults). */
export type ConversationQuery = { [K in keyof ListConversationsQuery]?: string };
export type ConversationPatch = z.input<typeof UpdateConversationInput>;

export const qs = (q: Record<string, string | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== "") p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
};

export const api = {
  setup: () => request<z.infer<typeof SetupStatus>>("GET", "/setup"),
  runSetup: (b: z.input<typeof SignupInput>) => request<Me>("POST", "/setup", b),
  login: (b: z.input<typeof LoginInput>) => request<Me>("POST", "/auth/login", b),
  logout: () => request<void>("POST", "/auth/logout"),
  me: () => request<Me>("GET", "/me"),
  acceptInvite: (b: z.input<typeof AcceptInviteInput>) => request<Me>("POST", "/invites/accept", b),
  users: () => request<{ items: User[] }>("GET", "/users"),
  teams: () => request<{ items: Team[] }>("GET", "/teams"),
  conversations: (q: ConversationQuery) => request<Page<Conversation>>("GET", `/conversations${qs({ limit: "25", ...q })}`),
  counts: () => request<Counts>("GET", "/conversations/counts"),
  conversation: (id: string) => request<Conversation>("GET", `/conversations/${id}`),
  updateConversation: (id: string, patch: ConversationPatch) => request<Conversation>("PATCH", `/conversations/${id}`, patch),
  messages: (id: string) => request<Page<Message>>("GET", `/conversations/${id}/messages?limit=200`),
  events: (id: string) => request<{ items: ConversationEvent[] }>("GET", `/conversations/${id}/events`),
  postMessage: (id: string, kind: "reply" | "note", text: string, cc?: string[]) =>
    request<Message>("POST", `/conversations/${id}/messages`, { kind, text, ...(cc ? { cc } : {}) }),
  retryMessage: (id: string) => request<Message>("POST", `/messages/${id}/retry`),
  emailThread: (id: string) => request<EmailThread>("GET", `/conversations/${id}/email-thread`),
  inboxes: () => request<{ items: Inbox[]; receiver: { host: string; port: number } | null }>("GET", "/inboxes"),
  createInbox: (b: z.input<typeof CreateInboxInput>) => request<Inbox>("POST", "/inboxes", b),
  updateInbox: (id: string, b: z.input<typeof UpdateInboxInput>) => request<Inbox>("PATCH", `/inboxes/${id}`, b),
  deleteInbox: (id: string) => request<void>("DELETE", `/inboxes/${id}`),
  inboundEmails: (status?: string) => request<{ items: InboundEmail[] }>("GET", `/inbound-emails${qs({ status, limit: "50" })}`),
  customer: (id: string) => request<CustomerDetail>("GET", `/customers/${id}`),
  notifications: () => request<{ items: Notification[]; unread: number }>("GET", "/notifications"),
  markRead: (ids?: string[]) => request<void>("POST", "/notifications/read", ids ? { ids } : {}),
};
