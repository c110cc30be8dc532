import type { SendResult, VisitorContext, VisitorPush, WidgetConfig, WidgetConversation, WidgetMessage } from "../../shared/schemas";
import type { IdentifyUser, ToLoader } from "../protocol";
import { WidgetApi, WidgetError, newClientId, saveSession, savedSession } from "./api";
import { Connection } from "./connection";
import type { Texts } from "./i18n";
import { type Pending, type State, Store } from "./store";

const OPEN_STATES = new Set(["open", "pending", "snoozed"]);
const byTime = (a: { createdAt: string }, b: { createdAt: string }) => a.createdAt.localeCompare(b.createdAt);

/**
 * Everything the chat does: who the visitor is, the socket and its outbox (sent in order, once, also
 * over HTTP when the socket can't get through), read receipts, typing, article suggestions, files.
 */
export class Controller {
  readonly store: Store;
  readonly api: WidgetApi;
  private conn: Connection;
  private host = { url: "", title: "", referrer: "" };
  private booted: Promise<void>;
  private markBooted!: () => void;
  private inflight = new Set<string>();
  private fallback: number | undefined;
  private typingSent: { id: string; at: number } | null = null;
  private typingOff: number | undefined;
  private searchTimer: number | undefined;
  private shownSent = false;
  private escalated = false;
  private lastUnread = -1;
  private lastActive: boolean | null = null;

  constructor(
    readonly config: WidgetConfig & { parentOrigin: string },
    readonly locale: string,
    readonly t: Texts,
  ) {
    this.api = new WidgetApi(config.inboxId);
    this.booted = new Promise((r) => (this.markBooted = r));
    this.store = new Store({
      ready: false,
      fatal: null,
      view: "home",
      visitor: null,
      conversations: [],
      current: null,
      starter: null,
      messages: {},
      outbox: [],
      conn: "connecting",
      availability: config.availability,
      typing: {},
      draft: "",
      suggestions: [],
      article: null,
      articleState: "idle",
      open: false,
      notice: null,
      uploading: false,
      held: null,
    });
    const wsUrl = () =>
      `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/v1/widget/socket?token=${encodeURIComponent(this.api.token ?? "")}`;
    this.conn = new Connection(
      wsUrl,
      () => this.context(),
      (p) => this.onPush(p),
      (conn) => {
        this.store.set({ conn });
        this.scheduleFallback();
      },
    );
    document.addEventListener("visibilitychange", () => this.markRead());
  }

  get s(): State {
    return this.store.state;
  }

  toLoader(m: ToLoader) {
    if (window.parent !== window) window.parent.postMessage(m, this.config.parentOrigin);
  }

  private context(): VisitorContext {
    let timeZone: string | undefined;
    try {
      timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {}
    return {
      url: this.host.url.slice(0, 2000) || undefined,
      title: this.host.title.slice(0, 300) || undefined,
      referrer: this.host.referrer.slice(0, 2000) || undefined,
      language: navigator.language?.slice(0, 35),
      languages: (navigator.languages ?? []).slice(0, 5).map((l) => l.slice(0, 35)),
      timeZone,
      screen: `${screen.width}x${screen.height}`,
    };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Start, identity

  async boot() {
    try {
      // The socket opens while the visitor's conversations load: the chat is ready sooner.
      let session = savedSession(this.config.inboxId);
      if (!session) {
        session = await this.api.createVisitor();
        saveSession(this.config.inboxId, session);
      }
      this.api.token = session.token;
      this.conn.start();
      await this.signIn();
      this.store.set({ ready: true });
      this.flush();
    } catch (err) {
      this.store.set({ fatal: err instanceof WidgetError && err.status === 429 ? this.t.failed : this.t.unavailable });
    } finally {
      this.markBooted();
    }
  }

  private async signIn(fresh = false): Promise<void> {
    let session = fresh ? null : savedSession(this.config.inboxId);
    if (!session) {
      session = await this.api.createVisitor();
      saveSession(this.config.inboxId, session);
    }
    this.api.token = session.token;
    let me: Awaited<ReturnType<WidgetApi["me"]>>;
    try {
      me = await this.api.me();
    } catch (err) {
      if (!(err instanceof WidgetError && err.status === 401) || fresh) throw err;
      // The stored visitor is gone (a reset server, a removed inbox): start over as a new one.
      await this.signIn(true);
      this.conn.restart();
      return;
    }
    const outbox = this.loadOutbox(session.visitorId);
    const active = me.conversations.find((c) => OPEN_STATES.has(c.status));
    this.store.set({ visitor: me.visitor, conversations: me.conversations, outbox, messages: {}, current: null, starter: null });
    const pendingNew = outbox.find((p) => !p.conversationId && !p.startedBy);
    if (pendingNew) this.store.set({ view: "chat", starter: pendingNew.clientId });
    else if (active) await this.show(active.id);
    this.report();
  }

  async identify(user: IdentifyUser, hmac?: string) {
    await this.booted;
    try {
      const out = await this.api.identify({ user: { id: user.id, email: user.email, name: user.name }, hmac });
      if (out.session) {
        saveSession(this.config.inboxId, out.session);
        await this.signIn();
      } else {
        this.store.set({ visitor: out.visitor });
        const me = await this.api.me();
        this.store.set({ conversations: me.conversations });
      }
      this.conn.restart();
    } catch (err) {
      this.toLoader({ rapport: 1, type: "error", message: `Rapport.identify: ${err instanceof Error ? err.message : "failed"}` });
    }
  }

  async reset() {
    await this.booted;
    saveSession(this.config.inboxId, null);
    this.store.set({ view: "home", draft: "", suggestions: [] });
    await this.signIn(true).catch(() => {});
    this.conn.restart();
  }

  setHost(ctx: { url: string; title: string; referrer: string }) {
    this.host = ctx;
    this.conn.send({ type: "context", context: this.context() });
  }

  setOpen(open: boolean) {
    this.store.set({ open });
    this.markRead();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Conversations and pushes

  async show(id: string) {
    this.store.set({ view: "chat", current: id, starter: null });
    try {
      const r = await this.api.messages(id);
      this.upsert(r.conversation);
      this.store.set((s) => ({ messages: { ...s.messages, [id]: merge(s.messages[id] ?? [], r.items) } }));
      this.markRead();
    } catch {
      this.store.set({ notice: this.t.failed });
    }
  }

  newConversation() {
    this.escalated = false;
    this.store.set({ view: "home", current: null, starter: null, draft: "", suggestions: [], article: null, articleState: "idle" });
  }

  private upsert(c: WidgetConversation) {
    this.store.set((s) => ({
      conversations: [c, ...s.conversations.filter((x) => x.id !== c.id)].sort((a, b) =>
        (b.lastMessageAt ?? b.createdAt).localeCompare(a.lastMessageAt ?? a.createdAt),
      ),
    }));
    this.report();
  }

  private addMessage(m: WidgetMessage) {
    this.store.set((s) => ({
      messages: { ...s.messages, [m.conversationId]: merge(s.messages[m.conversationId] ?? [], [m]) },
      outbox: m.clientId ? s.outbox.filter((p) => p.clientId !== m.clientId) : s.outbox,
      typing: m.author.type === "agent" ? { ...s.typing, [m.conversationId]: null } : s.typing,
    }));
  }

  private onPush(p: VisitorPush) {
    switch (p.type) {
      case "hello":
        this.store.set({ visitor: p.data.visitor, availability: p.data.availability });
        this.inflight.clear();
        this.flush();
        if (this.s.current) void this.show(this.s.current);
        return;
      case "ack":
        return this.acked(p.data.clientId, p.data);
      case "message": {
        this.addMessage(p.data);
        const c = this.s.conversations.find((x) => x.id === p.data.conversationId);
        if (p.data.author.type === "agent") {
          if (c) this.upsert({ ...c, unread: c.unread + 1, lastMessageAt: p.data.createdAt, preview: p.data.text });
          else
            void this.api.me().then(
              (me) => this.store.set({ conversations: me.conversations }),
              () => {},
            );
          this.markRead();
        }
        return;
      }
      case "conversation":
        return this.upsert(p.data);
      case "typing":
        this.store.set((s) => ({ typing: { ...s.typing, [p.data.conversationId]: p.data.typing ? (p.data.name ?? this.t.agent) : null } }));
        return;
      case "read": {
        const c = this.s.conversations.find((x) => x.id === p.data.conversationId);
        if (c) this.upsert({ ...c, agentReadAt: p.data.at });
        return;
      }
      case "availability":
        this.store.set({ availability: p.data });
        return;
      case "error": {
        const id = p.data.clientId;
        if (!id) return;
        this.inflight.delete(id);
        // Limits and hiccups are retried; a refusal (a closed or unknown conversation, bad input) is shown.
        if (p.data.code === "rate_limited" || p.data.code === "internal_error") window.setTimeout(() => this.flush(), 5000);
        else this.store.set((s) => ({ outbox: s.outbox.map((x) => (x.clientId === id ? { ...x, error: p.data.message } : x)) }));
        this.saveOutbox();
      }
    }
  }

  private acked(clientId: string, r: SendResult) {
    this.inflight.delete(clientId);
    this.upsert(r.conversation);
    this.addMessage(r.message);
    this.store.set((s) => ({
      current: s.current === null && (s.starter === clientId || s.starter === null) && s.view === "chat" ? r.conversation.id : s.current,
      starter: s.starter === clientId ? null : s.starter,
      outbox: s.outbox.filter((p) => p.clientId !== clientId),
    }));
    this.saveOutbox();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Sending: the outbox

  private outboxKey = () => `rapport:${this.config.inboxId}:outbox`;
  private loadOutbox(visitorId: string): Pending[] {
    try {
      const raw = JSON.parse(localStorage.getItem(this.outboxKey()) ?? "null") as { visitorId: string; items: Pending[] } | null;
      return raw?.visitorId === visitorId ? raw.items : [];
    } catch {
      return [];
    }
  }
  private saveOutbox() {
    try {
      const items = this.s.outbox;
      if (items.length) localStorage.setItem(this.outboxKey(), JSON.stringify({ visitorId: this.s.visitor?.id, items }));
      else localStorage.removeItem(this.outboxKey());
    } catch {}
  }

  /** The visitor sends: pre-chat form first when the inbox asks for one, then the message joins the outbox. */
  send(text: string) {
    const body = text.trim();
    if (!body) return;
    const v = this.s.visitor;
    const starting = !this.s.current && !this.s.starter;
    const form = this.config.preChatForm;
    if (starting && form !== "off" && !v?.verified && !(v?.name && v?.email) && this.s.view !== "prechat" && !this.s.held) {
      this.store.set({ view: "prechat", held: body, draft: "" });
      return;
    }
    if (this.s.suggestions.length && !this.escalated) this.deflect("escalated");
    this.stopTyping();
    const current = this.s.conversations.find((c) => c.id === this.s.current);
    const p: Pending = { clientId: newClientId(), text: body, createdAt: new Date().toISOString() };
    if (this.s.current && current?.status !== "closed") p.conversationId = this.s.current;
    else if (this.s.starter) p.startedBy = this.s.starter;
    this.store.set((s) => ({
      outbox: [...s.outbox, p],
      view: "chat",
      draft: "",
      held: null,
      suggestions: [],
      starter: p.conversationId || p.startedBy ? s.starter : p.clientId,
      current: p.conversationId || p.startedBy ? s.current : null,
    }));
    this.saveOutbox();
    this.flush();
  }

  retry(clientId: string) {
    this.store.set((s) => ({ outbox: s.outbox.map((p) => (p.clientId === clientId ? { ...p, error: undefined } : p)) }));
    this.flush();
  }

  /** Sends every waiting message, in order, over the socket; the server answers each with an ack. */
  private flush() {
    for (const p of this.s.outbox) {
      if (p.error || this.inflight.has(p.clientId)) continue;
      const { createdAt: _c, error: _e, ...msg } = p;
      if (!this.conn.send({ type: "message", ...msg })) break;
      this.inflight.add(p.clientId);
    }
    this.scheduleFallback();
  }

  /** The socket can't get through (a proxy, a long outage) but HTTP can: send the outbox one by one over HTTP. */
  private scheduleFallback() {
    window.clearTimeout(this.fallback);
    if (this.conn.state === "online" || !this.s.outbox.some((p) => !p.error)) return;
    this.fallback = window.setTimeout(async () => {
      for (const p of [...this.s.outbox]) {
        if (p.error || this.conn.state === "online") continue;
        try {
          this.acked(
            p.clientId,
            await this.api.send({ clientId: p.clientId, conversationId: p.conversationId, startedBy: p.startedBy, text: p.text }),
          );
        } catch (err) {
          if (err instanceof WidgetError && err.status >= 400 && err.status < 500 && err.status !== 429) {
            this.store.set((s) => ({ outbox: s.outbox.map((x) => (x.clientId === p.clientId ? { ...x, error: err.message } : x)) }));
            continue;
          }
          break;
        }
      }
      this.saveOutbox();
      this.scheduleFallback();
    }, 8000);
  }

  async upload(file: File) {
    const f = this.config.files;
    if (!f.types.includes(file.type)) return this.store.set({ notice: this.t.badType });
    if (file.size > f.maxBytes) return this.store.set({ notice: this.t.tooBig.replace("{n}", String(Math.floor(f.maxBytes / 1048576))) });
    const clientId = newClientId();
    const target = this.s.current ? { conversationId: this.s.current } : this.s.starter ? { startedBy: this.s.starter } : {};
    this.store.set({ uploading: true, notice: null, view: "chat" });
    try {
      const r = await this.api.upload(file, { clientId, ...target });
      if (!this.s.current) this.store.set({ current: r.conversation.id, starter: null });
      this.acked(clientId, r);
    } catch (err) {
      this.store.set({
        notice:
          err instanceof WidgetError && err.status === 413
            ? this.t.tooBig.replace("{n}", String(Math.floor(f.maxBytes / 1048576)))
            : this.t.failed,
      });
    } finally {
      this.store.set({ uploading: false });
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Typing, reading, follow-up

  typing(text: string) {
    this.store.set({ draft: text });
    if (this.s.view === "home") return this.suggest(text);
    const id = this.s.current;
    if (!id) return;
    window.clearTimeout(this.typingOff);
    this.typingOff = window.setTimeout(() => this.stopTyping(), 4000);
    if (this.typingSent?.id === id && Date.now() - this.typingSent.at < 3000) return;
    this.typingSent = { id, at: Date.now() };
    this.conn.send({ type: "typing", conversationId: id, typing: true });
  }

  private stopTyping() {
    window.clearTimeout(this.typingOff);
    if (this.typingSent) this.conn.send({ type: "typing", conversationId: this.typingSent.id, typing: false });
    this.typingSent = null;
  }

  /** The visitor sees the conversation: its replies are read (agents see "Seen"), the badge clears. */
  markRead() {
    const id = this.s.current;
    if (!id || !this.s.open || this.s.view !== "chat" || document.visibilityState !== "visible") return this.report();
    const c = this.s.conversations.find((x) => x.id === id);
    if (c && c.unread > 0) {
      if (!this.conn.send({ type: "read", conversationId: id })) void this.api.read(id).catch(() => {});
      this.upsert({ ...c, unread: 0 });
    }
    this.report();
  }

  /** Unread count for the launcher's badge; whether a conversation is going on (the loader preloads the chat). */
  private report() {
    const unread = this.s.conversations.reduce((n, c) => n + c.unread, 0);
    if (unread !== this.lastUnread) this.toLoader({ rapport: 1, type: "unread", count: unread });
    this.lastUnread = unread;
    const active = this.s.conversations.some((c) => OPEN_STATES.has(c.status));
    if (active !== this.lastActive) this.toLoader({ rapport: 1, type: "active", active });
    this.lastActive = active;
  }

  async followUp(email: string): Promise<boolean> {
    const id = this.s.current;
    if (!id) return false;
    try {
      this.upsert(await this.api.followUp(id, email));
      return true;
    } catch {
      return false;
    }
  }

  async prechat(name: string, email: string) {
    const held = this.s.held;
    if (name || email) {
      try {
        this.store.set({ visitor: await this.api.profile({ name: name || undefined, email: email || undefined }) });
      } catch (err) {
        return err instanceof WidgetError && err.status === 400 ? this.t.badEmail : this.t.failed;
      }
    }
    this.store.set({ view: "chat" });
    if (held) this.send(held);
    this.store.set({ held: null });
    return null;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Self-service first: suggestions, articles, and always a way to a person

  private suggest(text: string) {
    window.clearTimeout(this.searchTimer);
    const q = text.trim();
    if (q.length < 3) return this.store.set({ suggestions: [] });
    this.searchTimer = window.setTimeout(async () => {
      try {
        const { items } = await this.api.articles(q, this.locale);
        if (this.s.draft.trim() !== q) return;
        this.store.set({ suggestions: items });
        if (items.length && !this.shownSent) {
          this.shownSent = true;
          this.deflect("shown");
        }
      } catch {}
    }, 300);
  }

  private deflect(kind: "shown" | "opened" | "solved" | "escalated", articleId?: string) {
    if (kind === "escalated") this.escalated = true;
    void this.api.deflection(kind, articleId).catch(() => {});
  }

  async openArticle(id: string) {
    this.store.set({ view: "article", article: null, articleState: "loading" });
    this.deflect("opened", id);
    try {
      this.store.set({ article: await this.api.article(id, this.locale), articleState: "idle" });
    } catch {
      this.store.set({ articleState: "error" });
    }
  }

  solved() {
    const a = this.s.article;
    if (a) this.deflect("solved", a.id);
    this.store.set({ articleState: "solved", draft: "", suggestions: [] });
  }

  /** "Talk to a person": what the visitor typed becomes the first message, or the chat opens to write one. */
  talkToPerson() {
    if (!this.escalated) this.deflect("escalated");
    const text = this.s.draft.trim();
    if (text) return this.send(text);
    this.store.set({ view: "chat", current: null, starter: null, article: null, articleState: "idle" });
  }

  back() {
    const s = this.s;
    if (s.view === "article") return this.store.set({ view: "home", article: null, articleState: "idle" });
    if (s.view === "prechat") return this.store.set({ view: "home", draft: s.held ?? "", held: null });
    this.newConversation();
  }
}

function merge(a: WidgetMessage[], b: WidgetMessage[]): WidgetMessage[] {
  const byId = new Map(a.map((m) => [m.id, m]));
  for (const m of b) byId.set(m.id, m);
  return [...byId.values()].sort(byTime);
}
