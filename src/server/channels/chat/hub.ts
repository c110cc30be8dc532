import type { WebSocket } from "ws";
import type { VisitorPush } from "../../../shared/schemas";
import type { Bus, BusMessage } from "../../realtime/bus";
import type { RealtimeHub } from "../../realtime/hub";
import type { ChatInboxRow, VisitorRow } from "./visitors";

/** A socket whose unsent data passes this is a slow or non-reading client: it is dropped, not buffered. */
export const MAX_BUFFERED_BYTES = 256 * 1024;
/** Largest frame a visitor may send (a message is at most 4,000 characters). */
export const MAX_FRAME_BYTES = 16 * 1024;
const HANDSHAKE_MS = 10_000;
const PING_MS = 25_000;
const AGENTS_EVERY_MS = 15_000;
const SEEN_EVERY_MS = 60_000;
/** Frames a visitor may have waiting to be processed before the socket is dropped. */
const MAX_PENDING = 50;

export type VisitorConn = {
  socket: WebSocket;
  visitor: VisitorRow;
  inbox: ChatInboxRow;
  ip: string;
  userAgent: string | undefined;
  alive: boolean;
  helloed: boolean;
  handshake: NodeJS.Timeout | null;
  conversations: Set<string>;
  typingIn: string | null;
  chain: Promise<void>;
  pending: number;
};

type Handlers = {
  /** A parsed frame from a visitor; runs one at a time per socket, in order. */
  frame: (conn: VisitorConn, raw: string) => Promise<void>;
  /** The socket closed (after it said hello). */
  closed: (conn: VisitorConn) => void;
  /** An agent on this node views a conversation (presence): the visitor may see "Seen". */
  agentViewing: (accountId: string, conversationId: string) => void;
  /** Visitors connected to this node, to keep their last-seen time fresh. */
  touch: (visitorIds: string[]) => Promise<void>;
};

/**
 * This node's widget sockets. Pushes reach them through the bus (in-process, or Redis across nodes) keyed
 * by visitor and, for verified visitors, by customer. Slow clients are dropped: a handshake deadline, pings
 * that must be answered, a bounded send buffer, small frames, a bounded backlog.
 */
export class ChatHub {
  private byVisitor = new Map<string, Set<VisitorConn>>();
  private byCustomer = new Map<string, Set<VisitorConn>>();
  private byConversation = new Map<string, Set<VisitorConn>>();
  private remoteAgents = new Map<string, { accounts: Set<string>; expiresAt: number }>();
  private agentTyping = new Map<string, string>();
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private bus: Bus,
    private agents: RealtimeHub,
    private handlers: Handlers,
  ) {
    bus.subscribe((m) => this.onBus(m));
    this.every(PING_MS, () => this.pingAll());
    this.every(AGENTS_EVERY_MS, () => void this.announceAgents());
    this.every(SEEN_EVERY_MS, () => {
      const ids = [...this.byVisitor.keys()];
      if (ids.length) void this.handlers.touch(ids).catch(() => {});
    });
    void this.announceAgents();
  }

  private every(ms: number, fn: () => void) {
    const t = setInterval(fn, ms);
    t.unref();
    this.timers.push(t);
  }

  count(): number {
    let n = 0;
    for (const s of this.byVisitor.values()) n += s.size;
    return n;
  }

  attach(socket: WebSocket, visitor: VisitorRow, inbox: ChatInboxRow, ip: string, userAgent: string | undefined): VisitorConn {
    const conn: VisitorConn = {
      socket,
      visitor,
      inbox,
      ip,
      userAgent,
      alive: true,
      helloed: false,
      handshake: null,
      conversations: new Set(),
      typingIn: null,
      chain: Promise.resolve(),
      pending: 0,
    };
    conn.handshake = setTimeout(() => socket.close(4008, "no hello within the handshake time"), HANDSHAKE_MS);
    socket.on("pong", () => {
      conn.alive = true;
    });
    socket.on("message", (data, isBinary) => {
      conn.alive = true;
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
      if (isBinary || size > MAX_FRAME_BYTES) return socket.close(1009, "frames are JSON text of at most 16 KB");
      if (++conn.pending > MAX_PENDING) return socket.terminate();
      const raw = String(data);
      conn.chain = conn.chain
        .then(() => this.handlers.frame(conn, raw))
        .catch(() => this.send(conn, { type: "error", data: { code: "internal_error", message: "Something went wrong; try again" } }))
        .finally(() => {
          conn.pending--;
        });
    });
    socket.on("close", () => {
      if (conn.handshake) clearTimeout(conn.handshake);
      this.unindex(conn);
      if (conn.helloed) this.handlers.closed(conn);
    });
    socket.on("error", () => socket.terminate());
    return conn;
  }

  /** After the visitor's hello: the socket joins the indexes and receives pushes. */
  register(conn: VisitorConn, conversationIds: string[]): void {
    if (conn.handshake) clearTimeout(conn.handshake);
    conn.handshake = null;
    conn.helloed = true;
    add(this.byVisitor, conn.visitor.id, conn);
    if (conn.visitor.verified && conn.visitor.customer_id) add(this.byCustomer, conn.visitor.customer_id, conn);
    for (const id of conversationIds) this.follow(conn, id);
  }

  /** The visitor's identity changed on this socket (identify over HTTP is followed by a reconnect). */
  follow(conn: VisitorConn, conversationId: string): void {
    if (conn.conversations.has(conversationId)) return;
    conn.conversations.add(conversationId);
    add(this.byConversation, conversationId, conn);
  }

  private unindex(conn: VisitorConn): void {
    remove(this.byVisitor, conn.visitor.id, conn);
    if (conn.visitor.customer_id) remove(this.byCustomer, conn.visitor.customer_id, conn);
    for (const id of conn.conversations) remove(this.byConversation, id, conn);
  }

  isOnline(visitorId: string): boolean {
    return (this.byVisitor.get(visitorId)?.size ?? 0) > 0;
  }

  /** Pushes to a conversation's visitor on every node. */
  async publish(target: { accountId: string; conversationId: string; visitorId: string; customerId: string | null }, push: VisitorPush) {
    await this.bus.publish({ kind: "chat", ...target, payload: push }).catch(() => {});
  }

  /** Whether any signed-in agent of the account is connected, on this node or another. */
  agentsOnline(accountId: string): boolean {
    if (this.agents.onlineAccounts().includes(accountId)) return true;
    const now = Date.now();
    for (const n of this.remoteAgents.values()) if (n.expiresAt > now && n.accounts.has(accountId)) return true;
    return false;
  }

  send(conn: VisitorConn, push: VisitorPush): void {
    this.sendRaw(conn, JSON.stringify(push));
  }

  private sendRaw(conn: VisitorConn, text: string): void {
    const s = conn.socket;
    if (s.readyState !== 1) return;
    // A client that doesn't read makes the buffer grow: drop it rather than hold its backlog in memory.
    if (s.bufferedAmount + text.length > MAX_BUFFERED_BYTES) s.terminate();
    else s.send(text);
  }

  private pingAll(): void {
    for (const set of this.byVisitor.values()) {
      for (const c of set) {
        if (!c.alive) {
          c.socket.terminate();
          continue;
        }
        c.alive = false;
        c.socket.ping();
      }
    }
  }

  private async announceAgents(): Promise<void> {
    await this.bus
      .publish({
        kind: "chat-agents",
        nodeId: this.agents.nodeId,
        accounts: this.agents.onlineAccounts(),
        expiresAt: Date.now() + 3 * AGENTS_EVERY_MS,
      })
      .catch(() => {});
  }

  private onBus(m: BusMessage): void {
    if (m.kind === "chat") {
      const targets = new Set<VisitorConn>(this.byVisitor.get(m.visitorId) ?? []);
      if (m.customerId) for (const c of this.byCustomer.get(m.customerId) ?? []) targets.add(c);
      if (!targets.size) return;
      const text = JSON.stringify(m.payload);
      for (const c of targets) {
        this.follow(c, m.conversationId);
        this.sendRaw(c, text);
      }
    } else if (m.kind === "chat-agents") {
      if (m.nodeId !== this.agents.nodeId) this.remoteAgents.set(m.nodeId, { accounts: new Set(m.accounts), expiresAt: m.expiresAt });
    } else if (m.kind === "presence") {
      this.onAgentPresence(m);
    }
  }

  /** Agents' typing reaches the visitor; an agent viewing the conversation marks the visitor's messages seen. */
  private onAgentPresence(m: Extract<BusMessage, { kind: "presence" }>): void {
    const before = this.agentTyping.get(m.key);
    if (before && (before !== m.conversationId || !m.typing)) {
      this.agentTyping.delete(m.key);
      this.toConversation(before, { type: "typing", data: { conversationId: before, typing: false, name: m.name } });
    }
    if (m.conversationId && m.typing && before !== m.conversationId) {
      this.agentTyping.set(m.key, m.conversationId);
      this.toConversation(m.conversationId, { type: "typing", data: { conversationId: m.conversationId, typing: true, name: m.name } });
    }
    // Only the node holding the agent's socket records the read, so many nodes don't write it many times.
    if (m.conversationId && m.key.startsWith(`${this.agents.nodeId}:`)) this.handlers.agentViewing(m.accountId, m.conversationId);
  }

  private toConversation(conversationId: string, push: VisitorPush): void {
    const set = this.byConversation.get(conversationId);
    if (!set) return;
    const text = JSON.stringify(push);
    for (const c of set) this.sendRaw(c, text);
  }

  close(): void {
    for (const t of this.timers) clearInterval(t);
    for (const set of this.byVisitor.values()) for (const c of set) c.socket.close(1001, "server shutting down");
    this.byVisitor.clear();
  }
}

function add<K, V>(map: Map<K, Set<V>>, key: K, v: V) {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  s.add(v);
}

function remove<K, V>(map: Map<K, Set<V>>, key: K, v: V) {
  const s = map.get(key);
  if (!s) return;
  s.delete(v);
  if (!s.size) map.delete(key);
}
