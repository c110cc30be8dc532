import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { conversations, messages } from "./conversations";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

export type EmailAddress = { name: string | null; address: string };

/**
 * A channel endpoint of an account: for email, the address customers write to, how mail arrives (built-in
 * SMTP receiver and/or IMAP fetch) and how replies leave (the inbox's SMTP server or the global relay).
 * Credentials in `settings` are encrypted with the instance secret (see lib/crypto-box.ts).
 */
export const inboxes = pgTable(
  "inboxes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    channel: text("channel").notNull(),
    name: text("name").notNull(),
    /** Lower-cased; unique across accounts because the SMTP receiver routes by it. */
    address: text("address"),
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    /** What the IMAP fetcher last reported: ok, or the error a human has to fix (wrong password…). */
    imapStatus: text("imap_status"),
    imapError: text("imap_error"),
    imapCheckedAt: timestamp("imap_checked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("inboxes_account_idx").on(t.accountId), uniqueIndex("inboxes_address_idx").on(t.address)],
);

/**
 * Every inbound mail, raw, as it was accepted: committed before the SMTP 250 or the IMAP \Seen. Parsing
 * and conversation building happen later in a job; the raw stays downloadable. One row per account and
 * (Message-ID, body hash): the same mail arriving again (SMTP retry, SMTP and IMAP, refetch) is stored once.
 */
export const inboundEmails = pgTable(
  "inbound_emails",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    inboxId: uuid("inbox_id").notNull(),
    via: text("via", { enum: ["smtp", "imap"] }).notNull(),
    mailFrom: text("mail_from"),
    rcptTo: text("rcpt_to").array().notNull().default(sql`'{}'::text[]`),
    /** The Message-ID header, or a synthetic one made from the body hash when the mail has none. */
    messageIdHeader: text("message_id_header").notNull(),
    bodyHash: text("body_hash").notNull(),
    /** Another mail of this account had the same Message-ID with a different body: kept, and flagged. */
    conflict: boolean("conflict").notNull().default(false),
    raw: bytea("raw").notNull(),
    size: integer("size").notNull(),
    status: text("status", { enum: ["received", "processed", "unprocessable"] })
      .notNull()
      .default("received"),
    /** What became of it: new conversation, reply, bounce, auto-reply, loop… */
    outcome: text("outcome"),
    error: text("error"),
    conversationId: uuid("conversation_id"),
    messageId: uuid("message_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("inbound_emails_dedupe_idx").on(t.accountId, t.messageIdHeader, t.bodyHash),
    index("inbound_emails_status_idx").on(t.accountId, t.status, t.id),
  ],
);

/**
 * The email side of a message, inbound or outbound: the RFC 5322 identity used for threading, the people
 * on it, the full original (quoted history and signature included) and whether it was automatic.
 */
export const emailMessages = pgTable(
  "email_messages",
  {
    messageId: uuid("message_id")
      .primaryKey()
      .references(() => messages.id, { onDelete: "cascade" }),
    accountId: uuid("account_id").notNull(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    inboxId: uuid("inbox_id").notNull(),
    direction: text("direction", { enum: ["in", "out"] }).notNull(),
    /** Without angle brackets. */
    headerMessageId: text("header_message_id").notNull(),
    inReplyTo: text("in_reply_to"),
    references: text("references").array().notNull().default(sql`'{}'::text[]`),
    from: jsonb("from").$type<EmailAddress | null>(),
    to: jsonb("to").$type<EmailAddress[]>().notNull().default([]),
    cc: jsonb("cc").$type<EmailAddress[]>().notNull().default([]),
    subject: text("subject"),
    /** The whole text and sanitized HTML, before quoted history and signature were folded away. */
    originalText: text("original_text"),
    originalHtml: text("original_html"),
    remoteImages: integer("remote_images").notNull().default(0),
    /** auto-reply (out of office…), bounce; null for mail a person wrote. */
    automatic: text("automatic"),
    inboundEmailId: bigint("inbound_email_id", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("email_messages_header_idx").on(t.accountId, t.headerMessageId),
    index("email_messages_conversation_idx").on(t.conversationId, t.createdAt),
  ],
);

/** Per email conversation: its inbox, the secret of its reply address, and who is on the thread (Cc). */
export const emailThreads = pgTable(
  "email_threads",
  {
    conversationId: uuid("conversation_id")
      .primaryKey()
      .references(() => conversations.id, { onDelete: "cascade" }),
    accountId: uuid("account_id").notNull(),
    inboxId: uuid("inbox_id").notNull(),
    /** reply+<token> in the per-conversation Reply-To address; unguessable, so it proves the thread. */
    replyToken: text("reply_token").notNull(),
    /** The customer's address replies go to, and the others on the thread (shown and editable on reply). */
    to: jsonb("to").$type<EmailAddress[]>().notNull().default([]),
    cc: jsonb("cc").$type<EmailAddress[]>().notNull().default([]),
    subject: text("subject"),
  },
  (t) => [uniqueIndex("email_threads_token_idx").on(t.replyToken)],
);

/** Files of a message: the bytes live in storage (filesystem or S3) under `storageKey`, never a filename. */
export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id").notNull(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    /** Content-ID without <>, for cid: references in the HTML. */
    contentId: text("content_id"),
    inline: boolean("inline").notNull().default(false),
    storageKey: text("storage_key").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("attachments_message_idx").on(t.messageId)],
);

/**
 * Loop safety for Rapport's own automatic mail: senders seen auto-replying are never auto-answered, and
 * every automatic mail is logged so no address gets more than the hourly limit.
 */
export const emailAutoLog = pgTable(
  "email_auto_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id").notNull(),
    address: text("address").notNull(),
    kind: text("kind", { enum: ["sent", "auto_replied"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_auto_log_address_idx").on(t.accountId, t.address, t.kind, t.createdAt)],
);

/** Where the IMAP fetcher is in each mailbox folder: nothing is fetched twice or skipped. */
export const imapCursors = pgTable(
  "imap_cursors",
  {
    inboxId: uuid("inbox_id")
      .notNull()
      .references(() => inboxes.id, { onDelete: "cascade" }),
    folder: text("folder").notNull(),
    uidValidity: bigint("uid_validity", { mode: "number" }).notNull(),
    lastUid: bigint("last_uid", { mode: "number" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.inboxId, t.folder] })],
);
