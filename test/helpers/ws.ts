import WebSocket from "ws";

export type Push = { type: string; data: any };

/** Records every JSON push a WebSocket receives and resolves waiters for matching ones. */
export class PushRecorder {
  readonly pushes: Push[] = [];
  private waiters: { pred: (p: Push) => boolean; resolve: (p: Push) => void }[] = [];
  protected constructor(
    readonly ws: WebSocket,
    private defaultTimeoutMs: number,
  ) {
    ws.on("message", (raw) => {
      const p = JSON.parse(String(raw)) as Push;
      this.pushes.push(p);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(p)) return true;
        w.resolve(p);
        return false;
      });
    });
  }

  send(msg: unknown): void {
    this.ws.send(JSON.stringify(msg));
  }

  waitFor(pred: (p: Push) => boolean, timeoutMs = this.defaultTimeoutMs): Promise<Push> {
    const seen = this.pushes.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching push within ${timeoutMs} ms; got ${this.pushes.map((p) => p.type).join(", ")}`)),
        timeoutMs,
      );
      this.waiters.push({
        pred,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** An agent's realtime socket (API token). */
export class TestSocket extends PushRecorder {
  private constructor(ws: WebSocket) {
    super(ws, 3000);
  }

  static async open(baseUrl: string, token: string): Promise<TestSocket> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/api/v1/realtime?token=${encodeURIComponent(token)}`);
    const s = new TestSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    await s.waitFor((p) => p.type === "hello");
    return s;
  }
}
