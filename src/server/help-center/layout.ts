import type { HelpCenterRow } from "../modules/knowledge/help-centers";
import { brandStyle, esc } from "./html";
import { nativeName, type Strings } from "./i18n";

/** Everything a help-center page needs to know about where and for whom it renders. */
export type PageCtx = {
  hc: HelpCenterRow;
  /** The page's language (UI strings and <html lang>). */
  locale: string;
  t: Strings;
  /** Link prefix on this host: "/help/<slug>" on Rapport's host, "" on the help center's custom domain. */
  base: string;
  /** Absolute address of the help center for canonical and hreflang links (its custom domain when it has one). */
  canonicalBase: string;
  contactToken: string;
  contactSent: boolean;
  /** Versioned URLs of the stylesheet and script. */
  assets: { css: string; js: string };
};

export type Page = {
  title: string;
  description?: string;
  /** Path after the base, e.g. "/da/articles/reset-password". */
  canonical: string;
  /** Every language version of this page; x-default is the default locale's. */
  alternates: { locale: string; path: string }[];
  main: string;
  /** Search box in the header (pages other than home). */
  headerSearch?: boolean;
  status?: number;
};

export function searchForm(ctx: PageCtx, id: string, value = "", big = false): string {
  const { t } = ctx;
  return `<form class="search${big ? " search-big" : ""}" role="search" action="${esc(`${ctx.base}/${ctx.locale}/search`)}" method="get">
  <label class="visually-hidden" for="${id}">${esc(t.searchLabel)}</label>
  <input id="${id}" type="search" name="q" value="${esc(value)}" placeholder="${esc(t.searchPlaceholder)}" maxlength="200" autocomplete="off" enterkeyhint="search">
  <button class="btn primary" type="submit">${esc(t.searchButton)}</button>
</form>`;
}

function languageMenu(ctx: PageCtx, page: Page): string {
  if (ctx.hc.locales.length < 2) return "";
  const byLocale = new Map(page.alternates.map((a) => [a.locale, a.path]));
  const items = ctx.hc.locales
    .map((l) => {
      const href = `${ctx.base}${byLocale.get(l) ?? `/${l}`}`;
      const current = l === ctx.locale ? ' aria-current="true"' : "";
      return `<li><a href="${esc(href)}" hreflang="${esc(l)}" lang="${esc(l)}"${current}>${esc(nativeName(l))}</a></li>`;
    })
    .join("");
  return `<details class="lang">
    <summary><span class="visually-hidden">${esc(ctx.t.language)}: </span><span class="lang-long">${esc(nativeName(ctx.locale))}</span><span class="lang-short" aria-hidden="true">${esc(ctx.locale.toUpperCase())}</span></summary>
    <ul>${items}</ul>
  </details>`;
}

/** "Talk to a person" on every page: the chat when the help center has one, else a contact form; the phone when set. */
export function contactSection(ctx: PageCtx, returnPath: string): string {
  const { t, hc } = ctx;
  const chat = Boolean(hc.settings.chatInboxId);
  const phone = hc.settings.phone
    ? `<p class="phone"><span class="muted">${esc(t.callUs)}</span> <a href="tel:${esc(hc.settings.phone.replace(/[^\d+]/g, ""))}">${esc(hc.settings.phone)}</a></p>`
    : "";
  const sent = ctx.contactSent ? `<p class="notice success" role="status">${esc(t.formSent)}</p>` : "";
  const form = `<form class="contact-form" method="post" action="${esc(`/api/v1/public/${hc.slug}/contact`)}" data-contact novalidate${chat ? " hidden" : ""}>
    <input type="hidden" name="token" value="${esc(ctx.contactToken)}">
    <input type="hidden" name="locale" value="${esc(ctx.locale)}">
    <input type="hidden" name="page" value="${esc(returnPath)}">
    <div class="hp" aria-hidden="true"><label for="c-website">Website</label><input id="c-website" name="website" tabindex="-1" autocomplete="off"></div>
    <div class="field"><label for="c-name">${esc(t.formName)} <span class="muted">(${esc(t.formOptional)})</span></label>
      <input id="c-name" name="name" maxlength="120" autocomplete="name"></div>
    <div class="field"><label for="c-email">${esc(t.formEmail)}</label>
      <input id="c-email" name="email" type="email" required maxlength="254" autocomplete="email" aria-describedby="c-email-error" data-error="${esc(t.emailInvalid)}">
      <p class="field-error" id="c-email-error" hidden></p></div>
    <div class="field"><label for="c-message">${esc(t.formMessage)}</label>
      <textarea id="c-message" name="message" required maxlength="5000" rows="4" aria-describedby="c-message-error" data-error="${esc(t.messageEmpty)}"></textarea>
      <p class="field-error" id="c-message-error" hidden></p></div>
    <p class="form-status" role="status" aria-live="polite" data-status data-sending="${esc(t.formSending)}" data-sent="${esc(t.formSent)}" data-failed="${esc(t.formError)}"></p>
    <button class="btn primary" type="submit">${esc(t.formSend)}</button>
  </form>`;
  return `<section id="contact" class="contact" aria-labelledby="contact-title" tabindex="-1">
  <div class="wrap contact-grid">
    <div class="contact-intro">
      <h2 id="contact-title">${esc(t.contactTitle)}</h2>
      <p>${esc(t.contactBody)}</p>
      ${chat ? `<p><button type="button" class="btn primary" data-talk data-chat>${esc(t.chatButton)}</button></p>` : ""}
      ${phone}
    </div>
    <div>${sent}${form}</div>
  </div>
</section>`;
}

export function renderPage(ctx: PageCtx, page: Page): { html: string; styleHash: string } {
  const { t, hc } = ctx;
  const style = brandStyle(hc.settings.primaryColor ?? "#1f6feb");
  const abs = (p: string) => `${ctx.canonicalBase}${p}`;
  const alternates = page.alternates
    .map((a) => `<link rel="alternate" hreflang="${esc(a.locale)}" href="${esc(abs(a.path))}">`)
    .concat(
      (() => {
        const d = page.alternates.find((a) => a.locale === hc.defaultLocale) ?? page.alternates[0];
        return d ? [`<link rel="alternate" hreflang="x-default" href="${esc(abs(d.path))}">`] : [];
      })(),
    )
    .join("\n");
  const widget = hc.settings.chatInboxId ? `\n<script src="/widget.js" data-inbox="${esc(hc.settings.chatInboxId)}" async></script>` : "";
  const html = `<!doctype html>
<html lang="${esc(ctx.locale)}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.title)}</title>
${page.description ? `<meta name="description" content="${esc(page.description)}">` : ""}
<link rel="canonical" href="${esc(abs(page.canonical))}">
${alternates}
<link rel="stylesheet" href="${esc(ctx.assets.css)}">
<style>${style.css}</style>
<script src="${esc(ctx.assets.js)}" defer></script>${widget}
</head>
<body>
<a class="skip" href="#main">${esc(t.skip)}</a>
<header class="top">
  <div class="wrap top-row">
    <a class="brand" href="${esc(`${ctx.base}/${ctx.locale}`)}"><span class="brand-mark" aria-hidden="true">${esc(hc.title.trim().charAt(0).toUpperCase() || "?")}</span><span class="brand-name">${esc(hc.title)}</span></a>
    ${page.headerSearch ? `<div class="top-search">${searchForm(ctx, "top-q")}</div>` : ""}
    <nav class="top-nav" aria-label="${esc(t.home)}">
      ${languageMenu(ctx, page)}
      <a class="btn talk" href="#contact" data-talk>${esc(t.talk)}</a>
    </nav>
  </div>
</header>
<main id="main" tabindex="-1">
${page.main}
</main>
${contactSection(ctx, `${ctx.base}${page.canonical}`)}
<footer class="foot"><div class="wrap"><span>© ${esc(hc.title)}</span><span class="muted">${esc(t.poweredBy)}</span></div></footer>
</body>
</html>`;
  return { html, styleHash: style.hash };
}
