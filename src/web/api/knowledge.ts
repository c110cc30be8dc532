import type { z } from "zod";
import type {
  Article,
  ArticleListQuery,
  ArticleSuggestions,
  ArticleSummary,
  ArticleTranslation,
  ArticleVersion,
  Category,
  CategoryInput,
  CreateArticleInput,
  HelpCenter,
  HelpCenterInput,
  KnowledgeHealth,
  SearchResults,
  TranslationInput,
  UpdateArticleInput,
} from "../../shared/schemas";
import { type Page, qs, request } from "./client";

/** The list filters as strings (what the URL and the form hold); empty ones are left out. */
export type ArticleQuery = { [K in keyof z.input<typeof ArticleListQuery>]?: string };
export type Suggestion = z.infer<typeof ArticleSuggestions>["items"][number];
export type Health = z.infer<typeof KnowledgeHealth>;

/**
 * Saving a translation or restoring a version answers with the article (or, from an older server, only the
 * translation); either way the caller gets the whole article back.
 */
async function articleAfter(id: string, res: unknown): Promise<Article> {
  if (res && typeof res === "object" && Array.isArray((res as Article).translations)) return res as Article;
  return knowledgeApi.article(id);
}

const enc = encodeURIComponent;

export const knowledgeApi = {
  articles: (q: ArticleQuery) => request<Page<ArticleSummary>>("GET", `/articles${qs({ limit: "25", ...q })}`),
  article: (id: string) => request<Article>("GET", `/articles/${enc(id)}`),
  createArticle: (b: z.input<typeof CreateArticleInput>) => request<Article>("POST", "/articles", b),
  updateArticle: (id: string, b: z.input<typeof UpdateArticleInput>) => request<Article>("PATCH", `/articles/${enc(id)}`, b),
  deleteArticle: (id: string) => request<void>("DELETE", `/articles/${enc(id)}`),
  saveTranslation: async (id: string, locale: string, b: z.input<typeof TranslationInput>) =>
    articleAfter(id, await request<Article | ArticleTranslation>("PUT", `/articles/${enc(id)}/translations/${enc(locale)}`, b)),
  deleteTranslation: (id: string, locale: string) => request<void>("DELETE", `/articles/${enc(id)}/translations/${enc(locale)}`),
  versions: (id: string, locale: string) =>
    request<{ items: ArticleVersion[] }>("GET", `/articles/${enc(id)}/translations/${enc(locale)}/versions`),
  restore: async (id: string, locale: string, version: number) =>
    articleAfter(id, await request<unknown>("POST", `/articles/${enc(id)}/translations/${enc(locale)}/restore`, { version })),
  categories: () => request<{ items: Category[] }>("GET", "/article-categories"),
  createCategory: (b: z.input<typeof CategoryInput>) => request<Category>("POST", "/article-categories", b),
  helpCenter: () => request<HelpCenter>("GET", "/help-center"),
  updateHelpCenter: (b: z.input<typeof HelpCenterInput>) => request<HelpCenter>("PATCH", "/help-center", b),
  health: () => request<Health>("GET", "/knowledge/health"),
  suggestions: (conversationId: string) =>
    request<z.infer<typeof ArticleSuggestions>>("GET", `/conversations/${enc(conversationId)}/article-suggestions`),
  publicSearch: (accountSlug: string, q: string, locale?: string) =>
    request<z.infer<typeof SearchResults>>("GET", `/public/${enc(accountSlug)}/search${qs({ q, locale })}`),
};
