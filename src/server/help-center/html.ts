import crypto from "node:crypto";

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text or attribute value → HTML. Everything from the account or the visitor goes through this. */
export const esc = (s: string | number | null | undefined) => String(s ?? "").replace(/[&<>"']/g, (c) => ESC[c]);

/** A search snippet (plain text with «» around matches) → escaped HTML with <mark>. */
export const snippetHtml = (s: string) => esc(s).replace(/«([^«»]*)»/g, "<mark>$1</mark>");

type Rgb = [number, number, number];
const hexToRgb = (hex: string): Rgb => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const rgbToHex = (c: Rgb) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
const luminance = ([r, g, b]: Rgb) => {
  const f = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const contrast = (a: Rgb, b: Rgb) => {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
};
const mix = (c: Rgb, to: Rgb, t: number): Rgb => c.map((v, i) => v + (to[i] - v) * t) as Rgb;

/**
 * The brand color and what goes with it, readable whatever color the account picked: text on the brand
 * (white or near-black), and a shade dark enough for links and focus rings on white (WCAG 4.5:1).
 */
export function brandPalette(hex: string) {
  const brand = /^#[0-9a-f]{6}$/i.test(hex) ? hexToRgb(hex) : hexToRgb("#1f6feb");
  const white: Rgb = [255, 255, 255];
  const ink: Rgb = [17, 24, 39];
  const onBrand = contrast(brand, white) >= 3 ? "#ffffff" : rgbToHex(ink);
  let text = brand;
  for (let t = 0.1; contrast(text, white) < 4.5 && t <= 1; t += 0.1) text = mix(brand, [0, 0, 0], t);
  return {
    brand: rgbToHex(brand),
    onBrand,
    text: rgbToHex(text),
    soft: rgbToHex(mix(brand, white, 0.9)),
    strong: rgbToHex(mix(brand, [0, 0, 0], 0.18)),
  };
}

/** The page's one inline style (brand variables) and its CSP hash: no 'unsafe-inline' needed. */
export function brandStyle(hex: string): { css: string; hash: string } {
  const p = brandPalette(hex);
  const css = `:root{--brand:${p.brand};--on-brand:${p.onBrand};--brand-text:${p.text};--brand-soft:${p.soft};--brand-strong:${p.strong}}`;
  return { css, hash: `sha256-${crypto.createHash("sha256").update(css).digest("base64")}` };
}

/**
 * Strict CSP for help-center pages: our own script only, no inline script ever; images from anywhere safe
 * (article images). Styles: ours plus the one brand block by its hash — except on pages that embed the chat
 * widget, whose launcher styles its shadow root inline (article HTML is sanitized and carries no styles).
 */
export function helpCsp(styleHash: string, opts: { widget?: boolean } = {}): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    opts.widget ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' '${styleHash}'`,
    "img-src 'self' https: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
