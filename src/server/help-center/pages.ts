import type { ArticleHit } from "../modules/knowledge/search";
import type { ListedArticle, PublicArticle, PublicCategory, PublicTranslation } from "./data";
import { esc, snippetHtml } from "./html";
import { fill, languageName } from "./i18n";
import { type Page, type PageCtx, searchForm } from "./layout";

const homeAlternates = (ctx: PageCtx) => ctx.hc.locales.map((l) => ({ locale: l, path: `/${l}` }));
const articleHref = (ctx: PageCtx, a: { slug: string }) => esc(`${ctx.base}/${ctx.locale}/articles/${a.slug}`);
const count = (ctx: PageCtx, n: number) => (n === 1 ? ctx.t.articlesOne : fill(ctx.t.articlesMany, { n }));

function articleList(ctx: PageCtx, items: ListedArticle[], cls = "article-list"): string {
  return `<ul class="${cls}">${items
    .map(
      (a) =>
        `<li><a href="${articleHref(ctx, a)}"><span class="a-title"${a.locale !== ctx.locale ? ` lang="${esc(a.locale)}"` : ""}>${esc(a.title)}</span>${
          a.summary ? `<span class="a-summary">${esc(a.summary)}</span>` : ""
        }</a></li>`,
    )
    .join("")}</ul>`;
}

function emptyState(ctx: PageCtx, title: string | null, body: string): string {
  return `<div class="empty">
  <div class="empty-art" aria-hidden="true"></div>
  ${title ? `<h2>${esc(title)}</h2>` : ""}
  <p>${esc(body)}</p>
  <p><a class="btn primary" href="#contact" data-talk>${esc(ctx.t.talk)}</a></p>
</div>`;
}

function crumbs(ctx: PageCtx, trail: { href?: string; label: string }[]): string {
  const items = [{ href: `${ctx.base}/${ctx.locale}`, label: ctx.t.home }, ...trail];
  return `<nav class="crumbs" aria-label="${esc(ctx.t.breadcrumb)}"><ol>${items
    .map((c, i) =>
      i === items.length - 1 || !c.href
        ? `<li aria-current="page">${esc(c.label)}</li>`
        : `<li><a href="${esc(c.href)}">${esc(c.label)}</a></li>`,
    )
    .join("")}</ol></nav>`;
}

export function homePage(ctx: PageCtx, categories: PublicCategory[], popular: ListedArticle[]): Page {
  const { t } = ctx;
  const cats = categories.filter((c) => c.count > 0);
  const body =
    !cats.length && !popular.length
      ? `<div class="wrap">${emptyState(ctx, t.noArticles, t.noArticlesBody)}</div>`
      : `<div class="wrap home-grid">
  ${
    cats.length
      ? `<section aria-labelledby="cats-title"><h2 id="cats-title">${esc(t.categories)}</h2>
    <ul class="cards">${cats
      .map(
        (c) => `<li><a class="card" href="${esc(`${ctx.base}/${ctx.locale}/categories/${c.slug}`)}">
      <span class="card-title">${esc(c.name)}</span>
      ${c.description ? `<span class="card-body">${esc(c.description)}</span>` : ""}
      <span class="card-meta">${esc(count(ctx, c.count))}</span></a></li>`,
      )
      .join("")}</ul></section>`
      : ""
  }
  ${popular.length ? `<section aria-labelledby="popular-title"><h2 id="popular-title">${esc(t.popular)}</h2>${articleList(ctx, popular)}</section>` : ""}
</div>`;
  return {
    title: `${t.home} · ${ctx.hc.title}`,
    description: t.heroBody,
    canonical: `/${ctx.locale}`,
    alternates: homeAlternates(ctx),
    main: `<section class="hero"><div class="wrap">
  <h1>${esc(t.heroTitle)}</h1>
  <p class="lead">${esc(t.heroBody)}</p>
  ${searchForm(ctx, "hero-q", "", true)}
</div></section>
${body}`,
  };
}

export function categoryPage(ctx: PageCtx, category: PublicCategory, items: ListedArticle[]): Page {
  const { t } = ctx;
  return {
    title: `${category.name} · ${ctx.hc.title}`,
    description: category.description ?? undefined,
    canonical: `/${ctx.locale}/categories/${category.slug}`,
    alternates: ctx.hc.locales.map((l) => ({ locale: l, path: `/${l}/categories/${category.slug}` })),
    headerSearch: true,
    main: `<div class="wrap narrow">
  ${crumbs(ctx, [{ label: category.name }])}
  <h1>${esc(category.name)}</h1>
  ${category.description ? `<p class="lead">${esc(category.description)}</p>` : ""}
  ${items.length ? articleList(ctx, items, "article-list big") : emptyState(ctx, t.noArticles, t.noArticlesBody)}
</div>`,
  };
}

export function articlePage(
  ctx: PageCtx,
  article: PublicArticle,
  shown: PublicTranslation,
  category: PublicCategory | null,
  related: ListedArticle[],
): Page {
  const { t } = ctx;
  const inLocales = article.translations.filter((x) => ctx.hc.locales.includes(x.locale));
  const date = new Intl.DateTimeFormat(ctx.locale, { dateStyle: "long" }).format(new Date(shown.updatedAt));
  const fallback =
    shown.locale !== ctx.locale
      ? `<p class="notice" role="note">${esc(fill(t.fallbackNotice, { wanted: languageName(ctx.locale, ctx.locale), shown: languageName(shown.locale, ctx.locale) }))}</p>`
      : "";
  const feedbackUrl = `/api/v1/public/${ctx.hc.slug}/articles/${article.slug}/feedback?locale=${encodeURIComponent(shown.locale)}`;
  const others = related.filter((r) => r.slug !== article.slug).slice(0, 5);
  return {
    title: `${shown.title} · ${ctx.hc.title}`,
    description: shown.summary ?? undefined,
    // The canonical address of a fallback is the article in the language it is written in.
    canonical: `/${shown.locale}/articles/${article.slug}`,
    alternates: inLocales.map((x) => ({ locale: x.locale, path: `/${x.locale}/articles/${article.slug}` })),
    headerSearch: true,
    main: `<div class="wrap article-grid">
<article class="article" lang="${esc(shown.locale)}" aria-labelledby="article-title">
  ${crumbs(ctx, category ? [{ href: `${ctx.base}/${ctx.locale}/categories/${category.slug}`, label: category.name }, { label: shown.title }] : [{ label: shown.title }])}
  ${fallback}
  <h1 id="article-title">${esc(shown.title)}</h1>
  <p class="meta muted">${esc(fill(t.updated, { date }))}</p>
  ${shown.summary ? `<p class="lead">${esc(shown.summary)}</p>` : ""}
  <div class="prose">${shown.html}</div>
  <form class="feedback" data-feedback="${esc(feedbackUrl)}" aria-labelledby="fb-q">
    <p id="fb-q" class="fb-q">${esc(t.helpfulQ)}</p>
    <div class="fb-buttons">
      <button type="button" class="btn" data-helpful="true">${esc(t.yes)}</button>
      <button type="button" class="btn" data-helpful="false">${esc(t.no)}</button>
    </div>
    <div class="fb-more" hidden>
      <p class="fb-thanks" role="status" tabindex="-1">${esc(t.thanks)}</p>
      <label for="fb-comment">${esc(t.commentLabel)}</label>
      <textarea id="fb-comment" name="comment" rows="3" maxlength="2000"></textarea>
      <button type="submit" class="btn">${esc(t.commentSend)}</button>
    </div>
  </form>
</article>
${
  others.length
    ? `<aside class="related" aria-labelledby="related-title"><h2 id="related-title">${esc(t.related)}</h2>${articleList(ctx, others, "article-list compact")}</aside>`
    : ""
}
</div>`,
  };
}

export function searchPage(ctx: PageCtx, q: string, hits: ArticleHit[]): Page {
  const { t } = ctx;
  const heading = !q.trim()
    ? t.heroTitle
    : hits.length
      ? fill(hits.length === 1 ? t.resultsOne : t.resultsMany, { n: hits.length, q })
      : fill(t.noResults, { q });
  const list = hits.length
    ? `<ol class="results">${hits
        .map(
          (
            h,
          ) => `<li><a href="${articleHref(ctx, h)}"><span class="a-title"${h.locale !== ctx.locale ? ` lang="${esc(h.locale)}"` : ""}>${esc(h.title)}</span>
      <span class="a-summary">${snippetHtml(h.snippet)}</span></a></li>`,
        )
        .join("")}</ol>`
    : q.trim()
      ? emptyState(ctx, null, t.noResultsBody)
      : "";
  return {
    title: `${heading} · ${ctx.hc.title}`,
    canonical: `/${ctx.locale}/search${q ? `?q=${encodeURIComponent(q)}` : ""}`,
    alternates: ctx.hc.locales.map((l) => ({ locale: l, path: `/${l}/search${q ? `?q=${encodeURIComponent(q)}` : ""}` })),
    main: `<div class="wrap narrow">
  ${crumbs(ctx, [{ label: t.searchButton }])}
  <h1 class="results-title">${esc(heading)}</h1>
  ${searchForm(ctx, "search-q", q, true)}
  ${list}
</div>`,
  };
}

export function notFoundPage(ctx: PageCtx): Page {
  const { t } = ctx;
  return {
    title: `${t.notFound} · ${ctx.hc.title}`,
    canonical: `/${ctx.locale}`,
    alternates: [],
    status: 404,
    main: `<div class="wrap narrow">
  <div class="empty">
    <div class="empty-art" aria-hidden="true"></div>
    <h1>${esc(t.notFound)}</h1>
    <p>${esc(t.notFoundBody)}</p>
  </div>
  ${searchForm(ctx, "nf-q", "", true)}
</div>`,
  };
}
