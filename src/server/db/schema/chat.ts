import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { conversations, messages } from "./conversations";
import { customers } from "./customers";
import { inboxes } from "./email";

/**
 * A website visitor of a chat inbox: anonymous with a persistent id until the site identifies them. Only the
 * SHA-256 of the visitor's secret token is stored. A verified identity (HMAC checked) is joined to the
 * customer with that external id; an unverified one gets a customer of its own and never sees history.
 */
export const chatVisitors = pgTable(
  "chat_visitors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    inboxId: uuid("inbox_id")
      .notNull()
      .references(() => inboxes.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    externalId: text("external_id"),
    verified: boolean("verified").notNull().default(false),
    name: text("name"),
    email: text("email"),
    /** Last page URL, browser, language, time zone the widget reported. */
    context: jsonb("context").$type<Record<string, unknown>>().notNull().default({}),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("chat_visitors_token_idx").on(t.tokenHash), index("chat_visitors_inbox_idx").on(t.inboxId, t.lastSeenAt)],
);

/** A chat conversation's widget side: its inbox and visitor, the visitor's context, read receipts. */
export const chatSessions = pgTable(
  "chat_sessions",
  {
    conversationId: uuid("conversation_id")
      .primaryKey()
      .references(() => conversations.id, { onDelete: "cascade" }),
    accountId: uuid("account_id").notNull(),
    inboxId: uuid("inbox_id").notNull(),
    visitorId: uuid("visitor_id")
      .notNull()
      .references(() => chatVisitors.id, { onDelete: "cascade" }),
    context: jsonb("context").$type<Record<string, unknown>>().notNull().default({}),
    visitorReadAt: timestamp("visitor_read_at", { withTimezone: true }),
    agentReadAt: timestamp("agent_read_at", { withTimezone: true }),
    /** Where the conversation continues once the visitor has left (asked for outside hours or when offline). */
    followUpEmail: text("follow_up_email"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("chat_sessions_visitor_idx").on(t.visitorId, t.createdAt)],
);

/** The widget's client message ids: a resend after a reconnect returns the first message, never a second. */
export const chatClientMessages = pgTable(
  "chat_client_messages",
  {
    visitorId: uuid("visitor_id")
      .notNull()
      .references(() => chatVisitors.id, { onDelete: "cascade" }),
    clientId: text("client_id").notNull(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.visitorId, t.clientId] })],
);
