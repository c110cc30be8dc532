import { z } from "zod";
import { Id, IsoDate, page, UserRef } from "./common";

/** BCP 47-ish locale: "en", "da", "pt-BR". Lower-case language, optional region. */
export const Locale = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, "must be a locale such as en, da or pt-BR");
export type Locale = z.infer<typeof Locale>;

/** URL-safe, shared by every translation of an article: /help/<account>/<locale>/articles/<slug>. */
export const Slug = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case letters, digits and hyphens");

export const ArticleVisibility = z.enum(["public", "internal"]);
export const TranslationStatus = z.enum(["draft", "published"]);

export const TranslationInput = z.strictObject({
  title: z.string().trim().min(1, "must not be empty").max(200),
  summary: z.string().trim().max(500).nullable().optional(),
  /** Markdown; rendered and sanitized on the server. */
  body: z.string().max(200_000).default(""),
  status: TranslationStatus.optional(),
});
export type TranslationInput = z.infer<typeof TranslationInput>;

export const CreateArticleInput = z.strictObject({
  slug: Slug.optional(),
  locale: Locale,
  title: TranslationInput.shape.title,
  summary: TranslationInput.shape.summary,
  body: TranslationInput.shape.body,
  status: TranslationStatus.default("draft"),
  visibility: ArticleVisibility.default("public"),
  categoryId: Id.nullable().optional(),
  ownerId: Id.nullable().optional(),
  verifyEveryDays: z.number().int().min(1).max(3650).default(90),
});
export type CreateArticleInput = z.infer<typeof CreateArticleInput>;

export const UpdateArticleInput = z.strictObject({
  slug: Slug.optional(),
  visibility: ArticleVisibility.optional(),
  categoryId: Id.nullable().optional(),
  ownerId: Id.nullable().optional(),
  verifyEveryDays: z.number().int().min(1).max(3650).optional(),
  /** true marks the article verified now by the actor. */
  verify: z.literal(true).optional(),
});
export type UpdateArticleInput = z.infer<typeof UpdateArticleInput>;

export const ArticleTranslation = z
  .object({
    locale: z.string(),
    title: z.string(),
    summary: z.string().nullable(),
    body: z.string(),
    html: z.string(),
    status: TranslationStatus,
    publishedAt: IsoDate.nullable(),
    version: z.number().int(),
    updatedBy: UserRef.nullable(),
    updatedAt: IsoDate,
    views: z.number().int(),
    helpful: z.object({ yes: z.number().int(), no: z.number().int() }),
    url: z.string().nullable(),
  })
  .meta({ id: "ArticleTranslation" });
export type ArticleTranslation = z.infer<typeof ArticleTranslation>;

export const Verification = z.object({
  state: z.enum(["verified", "due", "unverified"]),
  verifiedAt: IsoDate.nullable(),
  verifiedBy: UserRef.nullable(),
  dueAt: IsoDate.nullable(),
  everyDays: z.number().int(),
});

export const Article = z
  .object({
    id: Id,
    slug: z.string(),
    visibility: ArticleVisibility,
    categoryId: Id.nullable(),
    owner: UserRef.nullable(),
    verification: Verification,
    translations: z.array(ArticleTranslation),
    createdAt: IsoDate,
    updatedAt: IsoDate,
    can: z.object({ update: z.boolean(), delete: z.boolean(), verify: z.boolean() }),
  })
  .meta({ id: "Article" });
export type Article = z.infer<typeof Article>;

export const ArticleListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  locale: Locale.optional(),
  visibility: ArticleVisibility.optional(),
  status: TranslationStatus.optional(),
  categoryId: Id.optional(),
  /** due: past its verify-every interval, or never verified. */
  verification: z.enum(["verified", "due"]).optional(),
  ownerId: Id.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const ArticleSummary = z
  .object({
    id: Id,
    slug: z.string(),
    visibility: ArticleVisibility,
    categoryId: Id.nullable(),
    owner: UserRef.nullable(),
    verification: Verification,
    locales: z.array(z.object({ locale: z.string(), title: z.string(), status: TranslationStatus })),
    title: z.string(),
    updatedAt: IsoDate,
  })
  .meta({ id: "ArticleSummary" });
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const ArticleVersion = z
  .object({
    version: z.number().int(),
    locale: z.string(),
    title: z.string(),
    summary: z.string().nullable(),
    body: z.string(),
    status: z.string(),
    author: UserRef.nullable(),
    createdAt: IsoDate,
  })
  .meta({ id: "ArticleVersion" });
export type ArticleVersion = z.infer<typeof ArticleVersion>;

/** Response shapes of the list routes (GET /articles, …/versions, GET /article-categories), newest version first. */
export const ArticlePage = page(ArticleSummary);
export const ArticleVersionList = z.object({ items: z.array(ArticleVersion) });

export const LocaleParams = z.object({ id: Id, locale: Locale });
export const RestoreVersionInput = z.strictObject({ version: z.number().int().min(1) });

export const CategoryInput = z.strictObject({
  slug: Slug,
  position: z.number().int().min(0).max(10_000).default(0),
  names: z.record(Locale, z.object({ name: z.string().trim().min(1).max(120), description: z.string().trim().max(500).optional() })),
});
export const Category = z
  .object({
    id: Id,
    slug: z.string(),
    position: z.number().int(),
    names: z.record(z.string(), z.object({ name: z.string(), description: z.string().optional() })),
    articleCount: z.number().int(),
  })
  .meta({ id: "Category" });
export type Category = z.infer<typeof Category>;
export const CategoryList = z.object({ items: z.array(Category) });
export const UpdateCategoryInput = z.strictObject({
  slug: Slug.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  names: CategoryInput.shape.names.optional(),
});

/** Trust in the knowledge base: the share of articles verified within their interval. */
export const KnowledgeHealth = z.object({
  articles: z.number().int(),
  verified: z.number().int(),
  due: z.number().int(),
  trustScore: z.number().min(0).max(1),
  searchesWithoutResults: z.array(z.object({ query: z.string(), locale: z.string(), count: z.number().int(), lastAt: IsoDate })),
  helpful: z.array(z.object({ articleId: Id, locale: z.string(), title: z.string(), yes: z.number().int(), no: z.number().int() })),
  deflection: z.object({ shown: z.number().int(), opened: z.number().int(), solved: z.number().int(), escalated: z.number().int() }),
});

export const SearchHit = z
  .object({
    articleId: Id,
    slug: z.string(),
    locale: z.string(),
    title: z.string(),
    /** Plain text with the matched words wrapped in «» markers (never HTML). */
    snippet: z.string(),
    score: z.number(),
    url: z.string(),
    visibility: ArticleVisibility,
  })
  .meta({ id: "SearchHit" });
export type SearchHit = z.infer<typeof SearchHit>;

export const PublicSearchQuery = z.object({
  q: z.string().max(200).default(""),
  locale: Locale.optional(),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
export const PublicSearchParams = z.object({ accountSlug: Slug });
export const SearchResults = z.object({ query: z.string(), locale: z.string(), items: z.array(SearchHit) });

/** Articles for the conversation at hand, ranked by its text (internal ones included). */
export const ArticleSuggestions = z.object({ items: z.array(SearchHit.extend({ verified: z.boolean() })) });

export const FeedbackInput = z.strictObject({
  helpful: z.boolean(),
  comment: z.string().trim().max(2000).optional(),
});
/** The visitor's vote as recorded (a later vote replaced any earlier one) and the translation's new counts. */
export const FeedbackResult = z.object({ helpful: z.boolean(), yes: z.number().int(), no: z.number().int() });
export const FeedbackParams = z.object({ accountSlug: Slug, slug: Slug });
export const FeedbackQuery = z.object({ locale: Locale.optional() });

/** The help center's contact form ("talk to a person" without a chat inbox): it starts a normal conversation. */
export const ContactInput = z.strictObject({
  name: z.string().trim().max(120).optional(),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email({ message: "must be an email address" })),
  message: z.string().trim().min(1, "must not be empty").max(5000),
  locale: Locale.optional(),
  /** The signed token from the form (proves the form came from this help center). */
  token: z.string().min(1, "is required").max(200),
  /** Where the visitor was (a path of the help center); the page returns there. */
  page: z.string().max(500).optional(),
  /** Honeypot: left empty by people, filled in by bots. */
  website: z.string().max(500).optional(),
});
export const ContactParams = z.object({ accountSlug: Slug });

export const HelpCenterInput = z.strictObject({
  slug: Slug.optional(),
  title: z.string().trim().min(1).max(120).optional(),
  customDomain: z
    .string()
    .trim()
    .toLowerCase()
    .max(253)
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be a host name such as help.example.com")
    .nullable()
    .optional(),
  defaultLocale: Locale.optional(),
  locales: z.array(Locale).min(1).max(40).optional(),
  primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a color like #1f6feb").optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  /** The chat inbox whose widget the help center opens for "talk to a person". */
  chatInboxId: Id.nullable().optional(),
});
export const HelpCenter = z
  .object({
    slug: z.string(),
    title: z.string(),
    customDomain: z.string().nullable(),
    defaultLocale: z.string(),
    locales: z.array(z.string()),
    primaryColor: z.string(),
    phone: z.string().nullable(),
    chatInboxId: Id.nullable(),
    url: z.string(),
  })
  .meta({ id: "HelpCenter" });
export type HelpCenter = z.infer<typeof HelpCenter>;
