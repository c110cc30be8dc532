import type { FastifyRequest } from "fastify";
import type pg from "pg";
import type { Actor } from "./actor";
import type { EmailRuntime } from "./channels/email/runtime";
import type { Config } from "./config";
import type { Db, Tx } from "./db/client";
import type { OutboxRelay } from "./events/relay";
import type { JobWorker } from "./jobs/queue";
import type { CryptoBox } from "./lib/crypto-box";
import type { BlobStorage } from "./storage/blob-storage";
import type { Bus } from "./realtime/bus";
import type { RealtimeHub } from "./realtime/hub";

/** What routes and background loops share: built once per process in app.ts. */
export type AppContext = {
  config: Config;
  pool: pg.Pool;
  db: Db;
  bus: Bus;
  hub: RealtimeHub;
  relay: OutboxRelay;
  worker: JobWorker;
  box: CryptoBox;
  storage: BlobStorage;
  /** The email channel's receiver and fetchers in this process; set once the app is built. */
  email: EmailRuntime | null;
  /** Runs a use-case in one transaction, then wakes the outbox relay so listeners see it at once. */
  write<T>(actor: Actor | null, fn: (tx: Tx) => Promise<T>): Promise<T>;
  publicUrl(req: FastifyRequest): string;
};

declare module "fastify" {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    actor: Actor;
  }
  /** OpenAPI metadata carried on each route's schema. */
  interface FastifySchema {
    tags?: string[];
    summary?: string;
    description?: string;
    hide?: boolean;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
  }
}
