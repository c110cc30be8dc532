import sanitizeHtml from "sanitize-html";

/**
 * Allow-list sanitizer for message HTML: formatting, links, tables and images survive; scripts, event
 * handlers, javascript: URLs, forms, iframes and styles that could escape the message do not.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "a", "b", "strong", "i", "em", "u", "s", "strike", "del", "ins", "mark", "small", "sub", "sup", "code", "pre",
    "p", "br", "hr", "div", "span", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt",
    "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "img", "font", "center",
  ],
  allowedAttributes: {
    // target and rel are always overwritten by transformTags below, never taken from the sender.
    a: ["href", "title", "name", "target", "rel"],
    img: ["src", "alt", "title", "width", "height"],
    td: ["colspan", "rowspan", "align", "valign", "width"],
    th: ["colspan", "rowspan", "align", "valign", "width"],
    table: ["width", "border", "cellpadding", "cellspacing", "align"],
    font: ["color", "size", "face"],
    "*": ["style", "dir", "lang", "align"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel", "cid"],
  allowedSchemesByTag: { img: ["http", "https", "cid", "data"] },
  allowProtocolRelative: false,
  allowedStyles: {
    "*": {
      color: [/^#[0-9a-f]{3,8}$/i, /^rgba?\([\d\s.,%]+\)$/i, /^[a-z]+$/i],
      "background-color": [/^#[0-9a-f]{3,8}$/i, /^rgba?\([\d\s.,%]+\)$/i, /^[a-z]+$/i],
      "text-align": [/^(left|right|center|justify)$/],
      "font-weight": [/^(bold|normal|\d{3})$/],
      "font-style": [/^(italic|normal)$/],
      "text-decoration": [/^[a-z\s-]+$/],
      "font-size": [/^\d+(\.\d+)?(px|em|rem|%|pt)$/],
      "font-family": [/^[\w\s,"'-]+$/],
      margin: [/^[\d\s.pxem%-]+$/],
      padding: [/^[\d\s.pxem%-]+$/],
      border: [/^[\w\s#.()-]+$/],
      width: [/^\d+(\.\d+)?(px|em|%)$/],
    },
  },
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, target: "_blank", rel: "noopener noreferrer nofollow" },
    }),
  },
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "head"],
};

export function sanitizeMessageHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/** The entities sanitize-html and Markdown leave in text (no-break space, &, <, >, quotes) as characters. */
export function decodeBasicEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** Plain text from HTML, for previews and search. */
export function htmlToText(html: string): string {
  // Cells are separated by a space, rows and blocks by a line, so "Order</td><td>NW-1" stays two words.
  const withBreaks = html.replace(/<(br|\/p|\/div|\/li|\/tr|\/h[1-6])\b[^>]*>/gi, "\n").replace(/<\/(td|th)>/gi, " ");
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {}, nonTextTags: OPTIONS.nonTextTags });
  return decodeBasicEntities(text)
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
