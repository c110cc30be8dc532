import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";
import { tsvector } from "./conversations";

/**
 * The account's public help center: its address (a slug under /help/ and optionally a custom domain routed
 * by the Host header), branding, languages, and how a visitor reaches a person (chat inbox, phone).
 */
export const helpCenters = pgTable(
  "help_centers",
  {
    accountId: uuid("account_id")
      .primaryKey()
      .references(() => accounts.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    /** Lower-cased host name, e.g. help.example.com; unique across accounts. */
    customDomain: text("custom_domain"),
    title: text("title").notNull(),
    defaultLocale: text("default_locale").notNull().default("en"),
    locales: text("locales").array().notNull().default(sql`'{en}'::text[]`),
    /** Colors, logo URL, tagline per locale, contact phone, chat inbox for "talk to a person". */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("help_centers_slug_idx").on(t.slug), uniqueIndex("help_centers_domain_idx").on(t.customDomain)],
);

export const articleCategories = pgTable(
  "article_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    position: integer("position").notNull().default(0),
    /** { locale: { name, description } } */
    names: jsonb("names").$type<Record<string, { name: string; description?: string }>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("article_categories_slug_idx").on(t.accountId, t.slug)],
);

/**
 * One piece of knowledge, in any number of languages (article_translations share its slug). Public articles
 * appear in the help center; internal ones only to agents. Each has an owner who re-verifies it every
 * `verifyEveryDays`; past that it shows as unverified (knowledge you can trust, like Guru).
 */
export const articles = pgTable(
  "articles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    categoryId: uuid("category_id").references(() => articleCategories.id, { onDelete: "set null" }),
    visibility: text("visibility", { enum: ["public", "internal"] }).notNull().default("public"),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    verifyEveryDays: integer("verify_every_days").notNull().default(90),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    verifiedById: uuid("verified_by_id").references(() => users.id, { onDelete: "set null" }),
    /** When the owner was last told the article is past due (so they are reminded once per period). */
    verifyRemindedAt: timestamp("verify_reminded_at", { withTimezone: true }),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("articles_slug_idx").on(t.accountId, t.slug), index("articles_account_idx").on(t.accountId, t.updatedAt)],
);

/** An article in one language: Markdown source, sanitized HTML, draft or published, and its search vector. */
export const articleTranslations = pgTable(
  "article_translations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id").notNull(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    title: text("title").notNull(),
    summary: text("summary"),
    bodyMarkdown: text("body_markdown").notNull().default(""),
    bodyHtml: text("body_html").notNull().default(""),
    /** Plain text of the body, for snippets and trigram (typo-tolerant) matching. */
    bodyText: text("body_text").notNull().default(""),
    status: text("status", { enum: ["draft", "published"] }).notNull().default("draft"),
    /** The article's visibility, copied here so searches filter without joining every match to articles. */
    visibility: text("visibility", { enum: ["public", "internal"] }).notNull().default("public"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** Title weighted A, summary B, body C; stemmed in the locale's configuration plus 'simple'. */
    search: tsvector("search"),
    /**
     * Title (A) and summary (B) only: small, so ranking thousands of matches never reads their whole
     * (compressed) body vectors; the full rank is computed for the best few.
     */
    searchTitle: tsvector("search_title"),
    version: integer("version").notNull().default(1),
    updatedById: uuid("updated_by_id").references(() => users.id, { onDelete: "set null" }),
    views: integer("views").notNull().default(0),
    helpfulYes: integer("helpful_yes").notNull().default(0),
    helpfulNo: integer("helpful_no").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("article_translations_locale_idx").on(t.articleId, t.locale),
    index("article_translations_search_idx").using("gin", t.search),
    index("article_translations_search_title_idx").using("gin", t.searchTitle),
    index("article_translations_title_trgm_idx").using("gin", sql`${t.title} gin_trgm_ops`),
    index("article_translations_account_idx").on(t.accountId, t.locale, t.status, t.visibility),
  ],
);

/** Every saved state of a translation, for history and restore. */
export const articleVersions = pgTable(
  "article_versions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id").notNull(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    summary: text("summary"),
    bodyMarkdown: text("body_markdown").notNull(),
    status: text("status").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("article_versions_idx").on(t.articleId, t.locale, t.version)],
);

/** "Was this helpful?" votes with an optional comment; one per visitor per article translation. */
export const articleFeedback = pgTable(
  "article_feedback",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id").notNull(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    helpful: boolean("helpful").notNull(),
    comment: text("comment"),
    visitorKey: text("visitor_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("article_feedback_visitor_idx").on(t.articleId, t.locale, t.visitorKey),
    index("article_feedback_account_idx").on(t.accountId, t.createdAt),
  ],
);

/** What visitors searched the help center and widget for, and how many results they got (0 = a gap). */
export const helpSearches = pgTable(
  "help_searches",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id").notNull(),
    query: text("query").notNull(),
    locale: text("locale").notNull(),
    results: integer("results").notNull(),
    source: text("source", { enum: ["help_center", "widget", "api"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("help_searches_account_idx").on(t.accountId, t.results, t.createdAt)],
);

/**
 * Every word the account's articles use, per locale: the vocabulary typo-tolerant search corrects query
 * words against (trigram similarity), so "pasword resett" becomes "password reset". Words are only added;
 * a stale one costs at most a correction that finds nothing.
 */
export const knowledgeWords = pgTable(
  "knowledge_words",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    word: text("word").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.locale, t.word] }), index("knowledge_words_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`)],
);

/** Self-service outcomes in the widget: suggestion shown, article opened, solved by it, escalated to a person. */
export const deflectionEvents = pgTable(
  "deflection_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id").notNull(),
    inboxId: uuid("inbox_id").notNull(),
    visitorId: uuid("visitor_id").notNull(),
    kind: text("kind", { enum: ["shown", "opened", "solved", "escalated"] }).notNull(),
    articleId: uuid("article_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("deflection_events_account_idx").on(t.accountId, t.inboxId, t.kind, t.createdAt)],
);
