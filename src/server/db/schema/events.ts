import { sql } from "drizzle-orm";
import { bigint, bigserial, customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** PostgreSQL's 64-bit transaction id; the outbox relay orders and bounds events by it. */
const xid8 = customType<{ data: string }>({ dataType: () => "xid8" });

/**
 * The transactional outbox and the audit trail in one table: a use-case writes its event in the same
 * transaction as the change. `txid` is the writing transaction's id: the relay reads events in (txid, id)
 * order up to the oldest transaction still running, so a late commit can never slip behind its cursor.
 */
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id").notNull(),
    type: text("type").notNull(),
    conversationId: uuid("conversation_id"),
    actorType: text("actor_type", { enum: ["user", "customer", "system", "api"] }).notNull(),
    actorId: uuid("actor_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    txid: xid8("txid").notNull().default(sql`pg_current_xact_id()`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("events_txid_idx").on(t.txid, t.id),
    index("events_conversation_idx").on(t.conversationId, t.id),
  ],
);

/** Where the relay stopped: the (txid, id) of the last event handed to listeners. One row. */
export const outboxCursor = pgTable("outbox_cursor", {
  id: integer("id").primaryKey(),
  txid: xid8("txid").notNull(),
  eventId: bigint("event_id", { mode: "number" }).notNull(),
});

/**
 * Events the relay handed to listeners ahead of its cursor (their transaction committed while an older one
 * was still running). Kept in the database, not in one node's memory, so whichever node holds the cursor next
 * skips them; rows go once the cursor passes them.
 */
export const outboxEarly = pgTable("outbox_early", {
  eventId: bigint("event_id", { mode: "number" }).primaryKey(),
  txid: xid8("txid").notNull(),
});

/** Durable job queue: claimed with FOR UPDATE SKIP LOCKED, retried with exponential backoff. */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id"),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    status: text("status", { enum: ["queued", "running", "done", "failed"] })
      .notNull()
      .default("queued"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(8),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    lockedBy: text("locked_by"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("jobs_ready_idx").on(t.runAt, t.id).where(sql`status = 'queued'`)],
);
