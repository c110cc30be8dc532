import type { ClientMessage, ServerPush } from "../../shared/schemas";

export type Push = ServerPush | { type: "error" | "pong"; data: unknown };
type Listener = (p: Push) => void;
type StatusListener = (connected: boolean) => void;

/** One WebSocket for the workspace: reconnects with backoff, resends what the agent is viewing. */
export class Realtime {
  private ws: WebSocket | null = null;
  private listeners = new Set<Listener>();
  private statusListeners = new Set<StatusListener>();
  private viewing: string | null = null;
  private attempts = 0;
  private closed = false;
  private ping: number | undefined;
  private retry: number | undefined;
  private heardAt = 0;
  connected = false;

  connect() {
    this.closed = false;
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/v1/realtime`;
    const ws = new WebSocket(url);
    this.ws = ws;
    // Handlers of a socket we already replaced or closed must not touch the current one.
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.attempts = 0;
      this.send({ type: "view", conversationId: this.viewing });
      this.heardAt = Date.now();
      this.ping = window.setInterval(() => {
        // A socket silent through two pings is dead even if the browser hasn't noticed (sleep, Wi-Fi change).
        if (Date.now() - this.heardAt > 45_000) {
          this.lost(ws);
          ws.close();
        } else this.send({ type: "ping" });
      }, 20_000);
    };
    ws.onmessage = (e) => {
      if (this.ws !== ws) return;
      this.heardAt = Date.now();
      let p: Push;
      try {
        p = JSON.parse(e.data);
      } catch {
        return;
      }
      // "hello" comes once the server delivers pushes to this socket: from here on nothing is missed, so
      // listeners refetch what they showed (also on the first connect: an HTTP read made before this
      // moment can miss a change pushed before the socket was registered).
      if (p.type === "hello") this.setConnected(true);
      for (const l of this.listeners) l(p);
    };
    ws.onclose = () => this.lost(ws);
  }

  private lost(ws: WebSocket) {
    if (this.ws !== ws) return;
    this.ws = null;
    window.clearInterval(this.ping);
    this.setConnected(false);
    if (this.closed) return;
    // Exponential backoff with jitter, so a restarted server isn't hit by every tab at once.
    const delay = Math.min(15_000, 500 * 2 ** this.attempts++) * (0.75 + Math.random() * 0.5);
    this.retry = window.setTimeout(() => this.connect(), delay);
  }

  close() {
    this.closed = true;
    window.clearTimeout(this.retry);
    window.clearInterval(this.ping);
    const ws = this.ws;
    this.ws = null;
    ws?.close();
  }

  on(l: Listener): () => void {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  }

  onStatus(l: StatusListener): () => void {
    this.statusListeners.add(l);
    return () => {
      this.statusListeners.delete(l);
    };
  }

  view(conversationId: string | null) {
    this.viewing = conversationId;
    this.send({ type: "view", conversationId });
  }

  typing(conversationId: string, typing: boolean) {
    this.send({ type: "typing", conversationId, typing });
  }

  private setConnected(c: boolean) {
    this.connected = c;
    for (const l of this.statusListeners) l(c);
  }

  private send(msg: ClientMessage) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }
}
