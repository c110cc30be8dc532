import sanitizeHtml from "sanitize-html";

export type SanitizeOptions = {
  /** Maps a cid: reference (Content-ID without <>) to a same-origin URL of the stored file, or undefined. */
  resolveCid?: (cid: string) => string | undefined;
};
export type SanitizedHtml = { html: string; remoteImages: number };

const TAGS = [
  "p",
  "div",
  "span",
  "br",
  "hr",
  "b",
  "strong",
  "i",
  "em",
  "u",
  "s",
  "strike",
  "sub",
  "sup",
  "small",
  "big",
  "font",
  "center",
  "blockquote",
  "pre",
  "code",
  "tt",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
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
  "colgroup",
  "col",
  "a",
  "img",
  "abbr",
  "cite",
  "q",
  "del",
  "ins",
  "mark",
  "address",
];
const PRESENTATION = [
  "align",
  "valign",
  "width",
  "height",
  "bgcolor",
  "color",
  "face",
  "size",
  "border",
  "cellpadding",
  "cellspacing",
  "colspan",
  "rowspan",
  "dir",
  "lang",
  "title",
  "style",
];

// Values: colours, lengths, keywords and font names; nothing with parentheses except rgb()/rgba(), so
// url(), expression(), var() and friends never pass.
const COLOR = [/^#[0-9a-f]{3,8}$/i, /^rgba?\(\s*[\d.%\s,]+\)$/i, /^[a-z]{3,30}$/i];
const LENGTH = /^(-?\d+(\.\d+)?(px|em|rem|%|pt|ex|ch|vw|vh)?|auto|0)(\s+(-?\d+(\.\d+)?(px|em|rem|%|pt|ex|ch)?|auto|0)){0,3}$/i;
const KEYWORDS = /^[a-z-]+(\s+[a-z-]+){0,3}$/i;
const FONT = /^[\w\s,"'-]{1,200}$/;
const BORDER = /^[\w\s#.%,-]{1,100}$|^[\w\s#.%,-]*rgba?\(\s*[\d.%\s,]+\)[\w\s#.%,-]*$/i;

const STYLES: Record<string, RegExp[]> = {
  color: COLOR,
  "background-color": COLOR,
  "font-family": [FONT],
  "font-size": [LENGTH, KEYWORDS],
  "font-weight": [/^(bold|bolder|lighter|normal|\d{3})$/i],
  "font-style": [/^(italic|normal|oblique)$/i],
  "font-variant": [KEYWORDS],
  "text-align": [/^(left|right|center|justify|start|end)$/i],
  "text-decoration": [KEYWORDS],
  "text-indent": [LENGTH],
  "text-transform": [KEYWORDS],
  "line-height": [LENGTH, /^\d+(\.\d+)?$/, /^normal$/i],
  "letter-spacing": [LENGTH, /^normal$/i],
  "word-spacing": [LENGTH, /^normal$/i],
  "word-break": [KEYWORDS],
  "word-wrap": [KEYWORDS],
  "white-space": [KEYWORDS],
  "vertical-align": [KEYWORDS, LENGTH],
  "list-style-type": [KEYWORDS],
  direction: [/^(ltr|rtl)$/i],
  display: [/^(block|inline|inline-block|none|table|table-row|table-cell|table-row-group|list-item)$/i],
  width: [LENGTH],
  height: [LENGTH],
  "max-width": [LENGTH, /^none$/i],
  "min-width": [LENGTH],
  "max-height": [LENGTH, /^none$/i],
  "min-height": [LENGTH],
  "border-collapse": [KEYWORDS],
  "border-spacing": [LENGTH],
};
for (const side of ["", "-top", "-right", "-bottom", "-left"]) {
  STYLES[`margin${side}`] = [LENGTH];
  STYLES[`padding${side}`] = [LENGTH];
  STYLES[`border${side}`] = [BORDER];
  STYLES[`border${side}-color`] = COLOR;
  STYLES[`border${side}-style`] = [KEYWORDS];
  STYLES[`border${side}-width`] = [LENGTH, KEYWORDS];
}
STYLES["border-radius"] = [LENGTH];

const MAX_DEPTH = 1000;
const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
  "p",
  "li",
  "td",
  "tr",
  "th",
  "option",
]);

/** An upper bound of element nesting in one linear pass (elements closed implicitly are not counted). */
function nestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (VOID.has(m[2].toLowerCase()) || m[3]) continue;
    depth += m[1] ? -1 : 1;
    if (depth < 0) depth = 0;
    if (depth > max) max = depth;
  }
  return max;
}

const SAFE_DATA_IMAGE = /^data:image\/(png|gif|jpeg|webp);base64,[a-z0-9+/=\s]+$/i;

/** Browsers ignore control characters and whitespace inside a scheme ("jav&#x09;ascript:"): so do we. */
const schemeOf = (url: string) => {
  let s = "";
  for (const ch of url) {
    const c = ch.charCodeAt(0);
    if (c > 0x20 && (c < 0x7f || c > 0x9f)) s += ch;
  }
  s = s.toLowerCase();
  const m = /^([a-z][a-z0-9+.-]*):/.exec(s);
  return { scheme: m ? m[1] : null, protocolRelative: s.startsWith("//") };
};

/**
 * Allow-list sanitizer for inbound email HTML, shown to agents in a sandboxed frame under a strict CSP.
 * Formatting survives; scripts, handlers, forms, frames, <style>, url() in CSS, positioning and unsafe
 * links don't. Remote images are held back as data-remote-src (counted, loaded only on request); cid:
 * images point at the stored attachment; data: images only for raster types.
 */
export function sanitizeEmailHtml(input: string, opts: SanitizeOptions = {}): SanitizedHtml {
  // HTML parsers slow down quadratically on absurd nesting: such mail is shown as its text instead.
  if (nestingDepth(input) > MAX_DEPTH) {
    const text = input.replace(/<[^>]*>/g, " ").replace(/[ \t]+/g, " ");
    return { html: `<pre>${sanitizeHtml(text, { allowedTags: [], allowedAttributes: {} })}</pre>`, remoteImages: 0 };
  }
  let remoteImages = 0;
  const html = sanitizeHtml(input, {
    allowedTags: TAGS,
    allowedAttributes: {
      "*": PRESENTATION,
      a: [...PRESENTATION, "href", "target", "rel"],
      img: [...PRESENTATION, "src", "alt", "data-remote-src"],
      ol: [...PRESENTATION, "start", "type"],
      ul: [...PRESENTATION, "type"],
    },
    allowedSchemes: ["http", "https", "mailto", "tel"],
    allowedSchemesByTag: { img: ["data", "http", "https"] },
    allowProtocolRelative: false,
    allowedStyles: { "*": STYLES },
    parseStyleAttributes: true,
    nonTextTags: [
      "script",
      "style",
      "textarea",
      "option",
      "noscript",
      "title",
      "head",
      "template",
      "xml",
      "svg",
      "math",
      "object",
      "iframe",
    ],
    disallowedTagsMode: "discard",
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs.href ?? "";
        const { scheme } = schemeOf(href);
        const ok = scheme === "http" || scheme === "https" || scheme === "mailto" || scheme === "tel";
        const { href: _h, target: _t, rel: _r, ...rest } = attribs;
        return { tagName, attribs: { ...rest, ...(ok ? { href } : {}), target: "_blank", rel: "noopener noreferrer nofollow" } };
      },
      img: (tagName, attribs) => {
        const { src = "", srcset: _s, "data-remote-src": _d, ...rest } = attribs;
        const { scheme, protocolRelative } = schemeOf(src);
        if (scheme === "cid") {
          const url = opts.resolveCid?.(decodeURIComponent(src.trim().slice(4)).replace(/^<|>$/g, ""));
          return { tagName, attribs: url ? { ...rest, src: url } : rest };
        }
        if (scheme === "data") return { tagName, attribs: SAFE_DATA_IMAGE.test(src.trim()) ? { ...rest, src: src.trim() } : rest };
        if (scheme === "http" || scheme === "https" || protocolRelative) {
          remoteImages++;
          const url = protocolRelative ? `https:${src.trim()}` : src.trim();
          return { tagName, attribs: { ...rest, "data-remote-src": url } };
        }
        return { tagName, attribs: rest };
      },
    },
  });
  return { html, remoteImages };
}
