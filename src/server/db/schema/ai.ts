import { boolean, index, jsonb, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { conversations, messages } from "./conversations";
import { inboxes } from "./email";

/**
 * A pinned summary written when a conversation changes hands (reassigned, escalated, handed over by the AI
 * agent), so the next person never makes the customer repeat the story. Content follows HandoffSummary.
 */
export const handoffSummaries = pgTable(
  "handoff_summaries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id").notNull(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    reason: text("reason", { enum: ["reassigned", "escalated", "ai_handoff", "requested"] }).notNull(),
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    language: text("language"),
    engine: text("engine", { enum: ["offline", "llm"] }).notNull(),
    pinned: boolean("pinned").notNull().default(true),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("handoff_summaries_conversation_idx").on(t.conversationId, t.createdAt)],
);

/** Provide responsible follow-up: a task with a due time that reminds its assignee and, when done, tells the customer. */
export const followUps = pgTable(
  "follow_ups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id").notNull(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: ["open", "done", "cancelled"] }).notNull().default("open"),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    notifyCustomer: boolean("notify_customer").notNull().default(true),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("follow_ups_conversation_idx").on(t.conversationId, t.createdAt),
    index("follow_ups_assignee_idx").on(t.accountId, t.assigneeId, t.status, t.dueAt),
  ],
);

/**
 * Every answer the AI answer agent gave or declined to give, with its outcome: the measures (answered,
 * resolved, handed over and why) are counted from here.
 */
export const aiAnswers = pgTable(
  "ai_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id").notNull(),
    inboxId: uuid("inbox_id").references(() => inboxes.id, { onDelete: "set null" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** The customer message answered. */
    questionMessageId: uuid("question_message_id").references(() => messages.id, { onDelete: "set null" }),
    /** The reply posted (null when it handed over without answering). */
    answerMessageId: uuid("answer_message_id").references(() => messages.id, { onDelete: "set null" }),
    citations: jsonb("citations").$type<unknown[]>().notNull().default([]),
    confidence: real("confidence").notNull(),
    language: text("language"),
    engine: text("engine", { enum: ["offline", "llm"] }).notNull(),
    /** answered → resolved (customer confirmed, or no follow-up in 24 h) | unhelpful | handed_over. */
    outcome: text("outcome", { enum: ["answered", "resolved", "unhelpful", "handed_over"] }).notNull(),
    handoffReason: text("handoff_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (t) => [
    index("ai_answers_conversation_idx").on(t.conversationId, t.createdAt),
    index("ai_answers_account_idx").on(t.accountId, t.createdAt),
  ],
);
