import { EventEmitter } from "node:events";
import { Redis } from "ioredis";

/** A message every node's realtime hub receives. */
export type BusMessage =
  | { kind: "push"; accountId: string; userId?: string; payload: { type: string; data: unknown } }
  | {
      kind: "presence";
      accountId: string;
      key: string;
      userId: string;
      name: string;
      conversationId: string | null;
      typing: boolean;
      expiresAt: number;
    }
  /** To the widget sockets of a chat conversation's visitor (and, when verified, their customer's other devices). */
  | {
      kind: "chat";
      accountId: string;
      conversationId: string;
      visitorId: string;
      customerId: string | null;
      payload: { type: string; data: unknown };
    }
  /** Which accounts have agents connected to a node (so a visitor on any node learns whether someone is online). */
  | { kind: "chat-agents"; nodeId: string; accounts: string[]; expiresAt: number };

export interface Bus {
  publish(msg: BusMessage): Promise<void>;
  subscribe(handler: (msg: BusMessage) => void): void;
  close(): Promise<void>;
}

/** One process: publish is a local call. */
export class MemoryBus implements Bus {
  private emitter = new EventEmitter().setMaxListeners(0);
  async publish(msg: BusMessage): Promise<void> {
    this.emitter.emit("msg", msg);
  }
  subscribe(handler: (msg: BusMessage) => void): void {
    this.emitter.on("msg", handler);
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

const CHANNEL = "rapport:bus";

/** Many processes on one database: every node publishes to and hears from one Redis channel. */
export class RedisBus implements Bus {
  private pub: Redis;
  private sub: Redis;
  private handlers: ((msg: BusMessage) => void)[] = [];

  private constructor(url: string) {
    this.pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: true });
    this.sub.on("message", (_channel: string, raw: string) => {
      let msg: BusMessage;
      try {
        msg = JSON.parse(raw);
      } catch {
        return;
      }
      for (const h of this.handlers) h(msg);
    });
  }

  static async connect(url: string): Promise<RedisBus> {
    const bus = new RedisBus(url);
    await Promise.all([bus.pub.connect(), bus.sub.connect()]);
    await bus.sub.subscribe(CHANNEL);
    return bus;
  }

  async publish(msg: BusMessage): Promise<void> {
    await this.pub.publish(CHANNEL, JSON.stringify(msg));
  }
  subscribe(handler: (msg: BusMessage) => void): void {
    this.handlers.push(handler);
  }
  async close(): Promise<void> {
    this.handlers = [];
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
