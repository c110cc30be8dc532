import type { z } from "zod";
import type { Article, ArticleSummary, ArticleTranslation, ArticleVersion, Category, HelpCenter } from "../../../shared/schemas";
import type { Actor } from "../../actor";
import { iso, toDate } from "../../lib/time";
import { articleAbilities } from "../../policies";
import { DEFAULT_COLOR, type HelpCenterRow, helpCenterBase } from "./help-centers";

const DAY = 86_400_000;
type Ts = Date | string;
type Ref = { id: string | null; name: string | null };

export type TranslationRow = {
  locale: string;
  title: string;
  summary: string | null;
  body_markdown: string;
  body_html: string;
  status: "draft" | "published";
  published_at: Ts | null;
  version: number;
  updated_by_id: string | null;
  updated_by_name: string | null;
  updated_at: Ts;
  views: number;
  helpful_yes: number;
  helpful_no: number;
};

export type ArticleRow = {
  id: string;
  slug: string;
  visibility: "public" | "internal";
  category_id: string | null;
  owner_id: string | null;
  owner_name: string | null;
  verify_every_days: number;
  verified_at: Ts | null;
  verified_by_id: string | null;
  verified_by_name: string | null;
  created_at: Ts;
  updated_at: Ts;
  translations: TranslationRow[];
};

const ref = (r: Ref) => (r.id ? { id: r.id, name: r.name ?? "" } : null);

/** verified within its interval; due once the interval has passed; unverified when nobody ever verified it. */
export function verificationOf(
  a: Pick<ArticleRow, "verified_at" | "verified_by_id" | "verified_by_name" | "verify_every_days">,
  now = Date.now(),
) {
  const at = a.verified_at ? toDate(a.verified_at) : null;
  const due = at ? new Date(at.getTime() + a.verify_every_days * DAY) : null;
  const state: "verified" | "due" | "unverified" = !at ? "unverified" : (due as Date).getTime() <= now ? "due" : "verified";
  return {
    state,
    verifiedAt: at ? at.toISOString() : null,
    verifiedBy: ref({ id: a.verified_by_id, name: a.verified_by_name }),
    dueAt: due ? due.toISOString() : null,
    everyDays: a.verify_every_days,
  };
}

/** The public URL of one translation, for public articles (null for internal ones and drafts). */
export function articleUrl(
  helpBase: string,
  a: { slug: string; visibility: string },
  t: { locale: string; status: string },
): string | null {
  return a.visibility === "public" && t.status === "published" ? `${helpBase}/${t.locale}/articles/${a.slug}` : null;
}

export function presentTranslation(a: Pick<ArticleRow, "slug" | "visibility">, t: TranslationRow, helpBase: string): ArticleTranslation {
  return {
    locale: t.locale,
    title: t.title,
    summary: t.summary,
    body: t.body_markdown,
    html: t.body_html,
    status: t.status,
    publishedAt: iso(t.published_at),
    version: t.version,
    updatedBy: ref({ id: t.updated_by_id, name: t.updated_by_name }),
    updatedAt: iso(t.updated_at),
    views: t.views,
    helpful: { yes: t.helpful_yes, no: t.helpful_no },
    url: articleUrl(helpBase, a, t),
  };
}

export function presentArticle(a: ArticleRow, actor: Actor, helpBase: string): Article {
  return {
    id: a.id,
    slug: a.slug,
    visibility: a.visibility,
    categoryId: a.category_id,
    owner: ref({ id: a.owner_id, name: a.owner_name }),
    verification: verificationOf(a),
    translations: a.translations.map((t) => presentTranslation(a, t, helpBase)),
    createdAt: iso(a.created_at),
    updatedAt: iso(a.updated_at),
    can: articleAbilities(actor, { ownerId: a.owner_id }),
  };
}

export type ArticleSummaryRow = Omit<ArticleRow, "translations" | "created_at"> & {
  locales: { locale: string; title: string; status: "draft" | "published" }[];
  title: string;
};

export function presentArticleSummary(a: ArticleSummaryRow): ArticleSummary {
  return {
    id: a.id,
    slug: a.slug,
    visibility: a.visibility,
    categoryId: a.category_id,
    owner: ref({ id: a.owner_id, name: a.owner_name }),
    verification: verificationOf(a),
    locales: a.locales,
    title: a.title,
    updatedAt: iso(a.updated_at),
  };
}

export type VersionRow = {
  version: number;
  locale: string;
  title: string;
  summary: string | null;
  body_markdown: string;
  status: string;
  author_id: string | null;
  author_name: string | null;
  created_at: Ts;
};

export const presentVersion = (v: VersionRow): z.infer<typeof ArticleVersion> => ({
  version: v.version,
  locale: v.locale,
  title: v.title,
  summary: v.summary,
  body: v.body_markdown,
  status: v.status,
  author: ref({ id: v.author_id, name: v.author_name }),
  createdAt: iso(v.created_at),
});

export type CategoryRow = { id: string; slug: string; position: number; names: Category["names"]; article_count: number };

export const presentCategory = (c: CategoryRow): Category => ({
  id: c.id,
  slug: c.slug,
  position: c.position,
  names: c.names,
  articleCount: c.article_count,
});

export const presentHelpCenter = (hc: HelpCenterRow, publicBase: string): HelpCenter => ({
  slug: hc.slug,
  title: hc.title,
  customDomain: hc.customDomain,
  defaultLocale: hc.defaultLocale,
  locales: hc.locales,
  primaryColor: hc.settings.primaryColor ?? DEFAULT_COLOR,
  phone: hc.settings.phone ?? null,
  chatInboxId: hc.settings.chatInboxId ?? null,
  url: helpCenterBase(hc, publicBase),
});
