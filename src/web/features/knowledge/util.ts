import type { Me } from "../../../shared/schemas";
import { ApiError } from "../../api/client";

const names = (() => {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" });
  } catch {
    return null;
  }
})();

/** "da" → "Danish", "pt-BR" → "Brazilian Portuguese"; unknown tags stay as typed. */
export function localeName(locale: string): string {
  try {
    return names?.of(locale) ?? locale;
  } catch {
    return locale;
  }
}

export const LOCALE_RE = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;

/** Languages offered when adding a translation (any other tag can be typed). */
export const COMMON_LOCALES = ["en", "da", "de", "es", "fr", "sv", "nl", "pl", "sk", "cs", "nb", "fi", "it", "pt", "pt-BR"];

export const isSupervisor = (me: Me) => me.user.role !== "agent";
export const isAdmin = (me: Me) => me.user.role === "admin" || me.user.role === "owner";

/** An API 400 names the field as "body.title" or "query.locale"; forms key their errors by "title". */
export type FieldErrors = Record<string, string>;
export function fieldErrors(err: unknown): { fields: FieldErrors; message: string | null } {
  if (err instanceof ApiError && err.field) {
    const key = err.field.replace(/^(body|query|params)\./, "");
    const message = err.message.replace(/^[\w.]+: /, "");
    return { fields: { [key]: message }, message: null };
  }
  return { fields: {}, message: err instanceof Error ? err.message : "Something went wrong; try again." };
}

/**
 * The plain text of sanitized article HTML, with paragraphs and list items on their own lines. DOMParser
 * builds an inert document: no scripts run and no images load.
 */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const out: string[] = [];
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) {
        out.push((child.textContent ?? "").replace(/\s+/g, " "));
        continue;
      }
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      const tag = (child as Element).tagName;
      if (tag === "BR") {
        out.push("\n");
        continue;
      }
      const block = /^(P|DIV|H[1-6]|LI|PRE|BLOCKQUOTE|TR|UL|OL|TABLE)$/.test(tag);
      if (block) out.push("\n");
      if (tag === "LI") out.push("- ");
      walk(child);
      if (block) out.push("\n");
    }
  };
  walk(doc.body);
  return out
    .join("")
    .split("\n")
    .map((l) => l.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
