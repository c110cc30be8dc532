import type { LanguagePack } from "./types";

/** Sentences of a message: split after . ! ? … and at line breaks. */
export function sentencesOf(text: string): string[] {
  return text
    .replace(/\r/g, "")
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
}

/** Drops emoji, invisible characters, closing punctuation, surrounding quotes and repeated spaces. */
export function tidy(s: string): string {
  return s
    .replace(/\p{Extended_Pictographic}|\ufe0f|[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/gu, "")
    .replace(/\s+/g, " ")
    .replace(/^["'“”„«»‘’‚\s]+|["'“”„«»‘’\s]+$/gu, "")
    .replace(/[\s.!?…,;:–—-]+$/u, "")
    .trim();
}

export function stripGreeting(s: string, pack: LanguagePack): string {
  let out = s.trim();
  for (let i = 0; i < 4; i++) {
    const next = out.replace(pack.greeting, "").trim();
    if (next === out) break;
    out = next;
  }
  return out;
}

export const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1).replace(/\s+\S*$/u, "")}…`);

export const capitalize = (s: string) => (s ? s[0].toLocaleUpperCase() + s.slice(1) : s);

/** Regexes with the g flag keep state between calls; tests use a fresh copy. */
export const has = (re: RegExp, s: string) => new RegExp(re.source, re.flags.replace("g", "")).test(s);

/**
 * Moves a clause from the customer's point of view to the agent's ("my parcel" → "your parcel") in one
 * pass, so a word that was just replaced is never replaced again. Null when the clause holds a word whose
 * shift would break the grammar (a first-person verb in a language where verbs agree with the subject).
 */
export function shiftPerson(clause: string, pack: LanguagePack): string | null {
  const slots: string[] = [];
  let out = clause;
  for (const [re, to] of pack.shift) {
    if (to === null) {
      if (has(re, out)) return null;
      continue;
    }
    out = out.replace(new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`), () => {
      slots.push(to);
      return `\u0000${slots.length - 1}\u0001`;
    });
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: placeholders are control characters on purpose
  return out.replace(/\u0000(\d+)\u0001/g, (_, i) => slots[Number(i)]);
}
