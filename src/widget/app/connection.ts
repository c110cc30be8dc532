import type { VisitorClientMessage, VisitorContext, VisitorPush } from "../../shared/schemas";

export type ConnState = "connecting" | "online" | "offline";

/**
 * The visitor's socket: reconnects with backoff (at once when the browser says it is online again), says
 * hello with where the visitor is, and treats a socket silent through two pings as dead (sleep, Wi-Fi).
 */
export class Connection {
  private ws: WebSocket | null = null;
  private attempts = 0;
  private retry: number | undefined;
  private ping: number | undefined;
  private heardAt = 0;
  private stopped = false;
  state: ConnState = "connecting";

  constructor(
    private url: () => string,
    private context: () => VisitorContext,
    private onPush: (p: VisitorPush) => void,
    private onState: (s: ConnState) => void,
  ) {
    window.addEventListener("online", () => this.reconnectNow());
    window.addEventListener("offline", () => this.drop());
  }

  start() {
    this.stopped = false;
    this.open();
  }

  private open() {
    if (this.stopped) return;
    window.clearTimeout(this.retry);
    this.set("connecting");
    const ws = new WebSocket(this.url());
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.heardAt = Date.now();
      ws.send(JSON.stringify({ type: "hello", context: this.context() }));
      this.ping = window.setInterval(() => {
        if (Date.now() - this.heardAt > 30_000) return this.drop();
        this.send({ type: "ping" });
      }, 12_000);
    };
    ws.onmessage = (e) => {
      if (this.ws !== ws) return;
      this.heardAt = Date.now();
      let p: VisitorPush;
      try {
        p = JSON.parse(e.data);
      } catch {
        return;
      }
      if (p.type === "hello") {
        this.attempts = 0;
        this.set("online");
      }
      this.onPush(p);
    };
    ws.onclose = () => this.lost(ws);
  }

  private lost(ws: WebSocket) {
    if (this.ws !== ws) return;
    this.ws = null;
    window.clearInterval(this.ping);
    this.set(navigator.onLine === false ? "offline" : "connecting");
    if (this.stopped) return;
    const delay = Math.min(15_000, 400 * 2 ** this.attempts++) * (0.75 + Math.random() * 0.5);
    this.retry = window.setTimeout(() => this.open(), navigator.onLine === false ? Math.max(delay, 3000) : delay);
  }

  /** The connection is gone (or just unusable): close it and try again. */
  drop() {
    const ws = this.ws;
    if (!ws) return;
    this.lost(ws);
    ws.onclose = null;
    ws.close();
  }

  reconnectNow() {
    this.attempts = 0;
    if (this.ws && this.state === "online") return;
    const ws = this.ws;
    if (ws) {
      this.ws = null;
      ws.onclose = null;
      ws.close();
    }
    this.open();
  }

  /** A new identity: start over with the new token. */
  restart() {
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.close();
    }
    window.clearInterval(this.ping);
    this.open();
  }

  send(m: VisitorClientMessage): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN || this.state !== "online") return false;
    this.ws.send(JSON.stringify(m));
    return true;
  }

  private set(s: ConnState) {
    if (s === this.state) return;
    this.state = s;
    this.onState(s);
  }
}
