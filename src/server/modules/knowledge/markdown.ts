import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { htmlToText } from "../../lib/sanitize";

/**
 * Article Markdown → HTML. Authors may mix in plain HTML (a <kbd>, a <details>), so markdown-it passes it
 * through and sanitize-html then keeps only an allow-list: no script, style, iframe, form or on* handler,
 * and only http(s), mailto and tel links (javascript: and friends are dropped). Images stay.
 */
const md = new MarkdownIt({ html: true, linkify: true, typographer: false, breaks: false });

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "a",
    "img",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "mark",
    "small",
    "sub",
    "sup",
    "kbd",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "details",
    "summary",
    "figure",
    "figcaption",
    "span",
    "div",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title", "width", "height", "loading"],
    th: ["align", "colspan", "rowspan"],
    td: ["align", "colspan", "rowspan"],
    ol: ["start"],
    code: ["class"],
  },
  allowedClasses: { code: [/^language-[\w+-]+$/] },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["http", "https", "data"] },
  allowProtocolRelative: false,
  transformTags: {
    // rel is always ours: a linked page can't reach back through window.opener.
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer" } }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: "lazy" } }),
  },
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "head", "iframe", "object"],
};

export type RenderedMarkdown = { html: string; text: string };

export function renderMarkdown(source: string): RenderedMarkdown {
  const html = sanitizeHtml(md.render(source), OPTIONS);
  return { html, text: htmlToText(html) };
}
