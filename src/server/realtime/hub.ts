import crypto from "node:crypto";
import type { WebSocket } from "ws";
import { ClientMessage } from "../../shared/schemas";
import type { Actor } from "../actor";
import type { Bus, BusMessage } from "./bus";
import { PresenceTable } from "./presence";

const PRESENCE_TTL_MS = 60_000;

type Conn = { id: string; socket: WebSocket; actor: Actor; viewing: string | null; typing: boolean };

/** This node's WebSocket connections, grouped by account; fed by the bus so every node sees every push. */
export class RealtimeHub {
  readonly nodeId = crypto.randomUUID();
  private byAccount = new Map<string, Set<Conn>>();
  private presence = new PresenceTable();
  private sweeper: NodeJS.Timeout;

  constructor(private bus: Bus) {
    bus.subscribe((m) => this.onBus(m));
    this.sweeper = setInterval(() => {
      for (const [accountId, conversationId] of this.presence.sweep()) this.pushPresence(accountId, conversationId);
    }, 5_000);
    this.sweeper.unref();
  }

  /** Pushes to every agent of an account (or one user) on every node. */
  async broadcast(accountId: string, payload: { type: string; data: unknown }, userId?: string): Promise<void> {
    await this.bus.publish({ kind: "push", accountId, userId, payload });
  }

  /** Accounts with at least one signed-in agent (session socket) on this node. */
  onlineAccounts(): string[] {
    const out: string[] = [];
    for (const [accountId, set] of this.byAccount)
      for (const c of set)
        if (c.actor.via === "session") {
          out.push(accountId);
          break;
        }
    return out;
  }

  connectionCount(): number {
    let n = 0;
    for (const s of this.byAccount.values()) n += s.size;
    return n;
  }

  attach(socket: WebSocket, actor: Actor): void {
    const conn: Conn = { id: `${this.nodeId}:${crypto.randomUUID()}`, socket, actor, viewing: null, typing: false };
    let set = this.byAccount.get(actor.accountId);
    if (!set) this.byAccount.set(actor.accountId, (set = new Set()));
    set.add(conn);
    this.send(conn, { type: "hello", data: { userId: actor.userId } });
    for (const p of this.presence.all(actor.accountId)) this.send(conn, { type: "presence", data: p });

    socket.on("message", (raw) => {
      let parsed: ClientMessage;
      try {
        const r = ClientMessage.safeParse(JSON.parse(String(raw)));
        if (!r.success) return this.send(conn, { type: "error", data: { message: r.error.issues[0]?.message ?? "invalid message" } });
        parsed = r.data;
      } catch {
        return this.send(conn, { type: "error", data: { message: "messages must be JSON" } });
      }
      if (parsed.type === "view") {
        conn.viewing = parsed.conversationId;
        conn.typing = false;
      } else if (parsed.type === "typing") {
        if (conn.viewing !== parsed.conversationId) conn.viewing = parsed.conversationId;
        conn.typing = parsed.typing;
      } else {
        this.send(conn, { type: "pong", data: null });
      }
      void this.publishPresence(conn);
    });
    socket.on("close", () => {
      set.delete(conn);
      if (set.size === 0) this.byAccount.delete(actor.accountId);
      if (conn.viewing) {
        conn.viewing = null;
        void this.publishPresence(conn);
      }
    });
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const set of this.byAccount.values()) for (const c of set) c.socket.close(1001, "server shutting down");
    this.byAccount.clear();
  }

  private async publishPresence(conn: Conn): Promise<void> {
    await this.bus
      .publish({
        kind: "presence",
        accountId: conn.actor.accountId,
        key: conn.id,
        userId: conn.actor.userId,
        name: conn.actor.name,
        conversationId: conn.viewing,
        typing: conn.typing,
        expiresAt: Date.now() + PRESENCE_TTL_MS,
      })
      .catch(() => {});
  }

  private onBus(m: BusMessage): void {
    if (m.kind === "push") {
      const set = this.byAccount.get(m.accountId);
      if (!set) return;
      const text = JSON.stringify(m.payload);
      for (const c of set) if (!m.userId || c.actor.userId === m.userId) this.sendRaw(c, text);
      return;
    }
    if (m.kind !== "presence") return;
    for (const conversationId of this.presence.apply(m)) this.pushPresence(m.accountId, conversationId);
  }

  private pushPresence(accountId: string, conversationId: string): void {
    const set = this.byAccount.get(accountId);
    if (!set) return;
    const text = JSON.stringify({ type: "presence", data: this.presence.viewers(accountId, conversationId) });
    for (const c of set) this.sendRaw(c, text);
  }

  private send(conn: Conn, payload: unknown): void {
    this.sendRaw(conn, JSON.stringify(payload));
  }

  private sendRaw(conn: Conn, text: string): void {
    if (conn.socket.readyState === 1) conn.socket.send(text);
  }
}
