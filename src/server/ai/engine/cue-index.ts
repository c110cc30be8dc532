import { tokenize } from "./normalize";

/**
 * A cue is one or more words separated by spaces; a word ending in "*" matches any token it starts
 * ("refund*" → refunds, refunded). Cues are folded like the text, so "wściekły" also matches "wsciekly".
 * Matching walks the tokens once with map look-ups, so it is linear in the text and cannot backtrack.
 */
type Word = { text: string; prefix: boolean };
type Entry = { category: string; rest: Word[] };
/** `gaps`: positions matched by a lone "*" (any word), so a caller can look at what filled them. */
export type CueHit = { category: string; start: number; end: number; gaps?: number[] };

const MIN_PREFIX = 2;

export class CueIndex {
  private readonly exact = new Map<string, Entry[]>();
  private readonly prefix = new Map<string, Entry[]>();
  private readonly prefixLengths: number[] = [];

  constructor(categories: Record<string, readonly string[]>) {
    for (const [category, cues] of Object.entries(categories)) {
      for (const cue of cues) this.add(category, cue);
    }
  }

  private add(category: string, cue: string): void {
    // Tokenize each word like the text is tokenized ("m'appeler" → m + appeler); "*" marks the last part a prefix.
    const words: Word[] = [];
    for (const raw of cue.split(/\s+/).filter(Boolean)) {
      const prefix = raw.endsWith("*");
      const parts = tokenize(prefix ? raw.slice(0, -1) : raw);
      if (parts.length === 0 && prefix) words.push({ text: "", prefix: true });
      parts.forEach((text, i) => {
        words.push({ text, prefix: prefix && i === parts.length - 1 });
      });
    }
    if (words.length === 0) return;
    const [first, ...rest] = words;
    const map = first.prefix ? this.prefix : this.exact;
    if (first.prefix && first.text.length >= MIN_PREFIX && !this.prefixLengths.includes(first.text.length)) {
      this.prefixLengths.push(first.text.length);
      this.prefixLengths.sort((a, b) => a - b);
    }
    const list = map.get(first.text) ?? [];
    list.push({ category, rest });
    map.set(first.text, list);
  }

  /** Every cue occurrence in the token list (several cues may cover the same tokens). */
  match(tokens: readonly string[]): CueHit[] {
    const hits: CueHit[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const exact = this.exact.get(token);
      if (exact) this.collect(exact, tokens, i, hits);
      for (const k of this.prefixLengths) {
        if (k > token.length) break;
        const list = this.prefix.get(token.slice(0, k));
        if (list) this.collect(list, tokens, i, hits);
      }
    }
    return hits;
  }

  private collect(entries: Entry[], tokens: readonly string[], i: number, hits: CueHit[]): void {
    for (const entry of entries) {
      let ok = true;
      let gaps: number[] | undefined;
      for (let j = 0; j < entry.rest.length; j++) {
        const t = tokens[i + 1 + j];
        const w = entry.rest[j];
        if (t === undefined || (w.prefix ? !t.startsWith(w.text) : t !== w.text)) {
          ok = false;
          break;
        }
        if (w.prefix && w.text === "") (gaps ??= []).push(i + 1 + j);
      }
      if (ok) hits.push(gaps ? { category: entry.category, start: i, end: i + entry.rest.length + 1, gaps } : { category: entry.category, start: i, end: i + entry.rest.length + 1 });
    }
  }
}
