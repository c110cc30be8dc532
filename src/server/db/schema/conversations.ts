import { sql } from "drizzle-orm";
import { bigint, customType, index, integer, jsonb, pgSequence, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts, teams, users } from "./accounts";
import { customers } from "./customers";

export const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** Conversation numbers (#1234) come from one sequence: nextval never blocks concurrent creators. */
export const conversationNumberSeq = pgSequence("conversation_number_seq", { startWith: 1000 });

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    number: bigint("number", { mode: "number" }).notNull().default(sql`nextval('conversation_number_seq')`),
    channel: text("channel").notNull(),
    status: text("status", { enum: ["open", "pending", "snoozed", "resolved", "closed"] })
      .notNull()
      .default("open"),
    snoozedUntil: timestamp("snoozed_until", { withTimezone: true }),
    /** 0 low, 1 normal, 2 high, 3 urgent: stored as a number so sort=priority is an index order. */
    priority: smallint("priority").notNull().default(1),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    subject: text("subject"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    language: text("language"),
    /** How upset the customer is, 0…100, from the analysis of their latest messages; null until analysed. */
    temperature: smallint("temperature"),
    /** The emotion of the customer's latest analysed message. */
    mood: text("mood"),
    preview: text("preview"),
    previewKind: text("preview_kind"),
    messageCount: integer("message_count").notNull().default(0),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    /** Subject and every message's text, stemmed in its language and also as plain words ('simple'). */
    search: tsvector("search"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // Ascending indexes serve both sort directions (scanned backward for newest first); id breaks ties so
  // cursor pages are stable.
  (t) => [
    index("conversations_account_activity_idx").on(t.accountId, t.lastActivityAt, t.id),
    index("conversations_account_status_activity_idx").on(t.accountId, t.status, t.lastActivityAt, t.id),
    index("conversations_assignee_idx").on(t.accountId, t.assigneeId, t.status, t.lastActivityAt, t.id),
    index("conversations_team_idx").on(t.accountId, t.teamId, t.status, t.lastActivityAt, t.id),
    index("conversations_priority_idx").on(t.accountId, t.status, t.priority, t.lastActivityAt, t.id),
    index("conversations_all_priority_idx").on(t.accountId, t.priority, t.lastActivityAt, t.id),
    index("conversations_customer_idx").on(t.customerId, t.lastActivityAt, t.id),
    index("conversations_counts_idx").on(t.accountId, t.status, t.assigneeId, t.teamId),
    index("conversations_tags_idx").using("gin", t.tags),
    index("conversations_search_idx").using("gin", t.search),
    index("conversations_number_idx").on(t.accountId, t.number),
    index("conversations_snoozed_idx").on(t.snoozedUntil).where(sql`status = 'snoozed'`),
    // The "upset customers" view and sort=temperature: hottest first, conversations not analysed yet last.
    index("conversations_temperature_idx").on(t.accountId, sql`(coalesce(temperature, -1))`, t.lastActivityAt, t.id),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id").notNull(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["incoming", "reply", "note"] }).notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    authorCustomerId: uuid("author_customer_id").references(() => customers.id, { onDelete: "set null" }),
    text: text("text").notNull().default(""),
    html: text("html"),
    mentions: uuid("mentions").array().notNull().default(sql`'{}'::uuid[]`),
    /** Outbound replies on a delivering channel: pending until sent; failed shows the reason and a retry. */
    deliveryStatus: text("delivery_status", { enum: ["pending", "sent", "failed"] }),
    deliveryError: text("delivery_error"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /** What the language engine read in a customer message (Analysis); null until the analysis job ran. */
    analysis: jsonb("analysis").$type<Record<string, unknown>>(),
    /** The text in another language: an incoming message in the agent's, or a translated reply's original. */
    translation: jsonb("translation").$type<{ text: string; from: string | null; to: string }>(),
    /** Who wrote an automated message: the AI answer agent; null for people and system notices. */
    sender: text("sender", { enum: ["ai_agent"] }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("messages_conversation_idx").on(t.conversationId, t.createdAt, t.id),
    // Customer messages the language engine hasn't read yet: the sweep finds any a lost wake-up left behind.
    index("messages_unanalysed_idx").on(t.createdAt).where(sql`kind = 'incoming' AND analysis IS NULL`),
  ],
);

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "cascade" }),
    messageId: uuid("message_id"),
    /** For article.verify_due: the knowledge article to re-verify (removed with the article). */
    articleId: uuid("article_id"),
    actorUserId: uuid("actor_user_id"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);
