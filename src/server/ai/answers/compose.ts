import type { Citation } from "../../../shared/schemas";
import { phrasesFor } from "./phrases";

const MAX_PASSAGE = 700;

/** Cut at a sentence (or line) end before `max` characters, else at a word. */
export function clipPassage(text: string, max = MAX_PASSAGE): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const end = Math.max(cut.lastIndexOf(". "), cut.lastIndexOf("\n"), cut.lastIndexOf("! "), cut.lastIndexOf("? "));
  if (end > max * 0.5) return cut.slice(0, end + 1).trim();
  return `${cut.replace(/\s+\S*$/, "")}…`;
}

/** Only an absolute link may reach a customer; a relative one (no public URL known) is cited by title alone. */
export const isAbsoluteUrl = (url: string) => /^https?:\/\/[^/\s]+/i.test(url);
export const sourceLine = (c: Pick<Citation, "title" | "url">) => (isAbsoluteUrl(c.url) ? `${c.title} – ${c.url}` : c.title);

/**
 * The offline answer: the passage that answers the question, quoted as written, in the article's own
 * language, with its source, framed to acknowledge the question and offer more help.
 */
export function composeOfflineAnswer(citation: Citation): string {
  const p = phrasesFor(citation.locale);
  return `${p.intro}\n\n${clipPassage(citation.passage)}\n\n${p.source}: ${sourceLine(citation)}\n\n${p.more}`;
}

/** The honest hand-off sentence in the customer's language. */
export function handoffMessage(language: string | null | undefined): string {
  return phrasesFor(language).handoff;
}

/** The sources an LLM answer used, listed under it so every link is one we gave. */
export function sourcesFooter(citations: Citation[], numbers: number[], language: string): string {
  const p = phrasesFor(language);
  return numbers
    .map((n) => `[${n}] ${sourceLine(citations[n - 1])}`)
    .join("\n")
    .replace(/^/, `${p.source}:\n`);
}
