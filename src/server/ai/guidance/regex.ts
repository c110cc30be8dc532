/**
 * Word lists as Unicode-aware regexes. JavaScript's \b only knows ASCII letters, so "błąd" or "später"
 * need lookarounds on \p{L}. In a list "a|b*|c d": `*` is any letters, a space is any whitespace.
 */
export function words(list: string, flags = "iu"): RegExp {
  const alt = list
    .split("|")
    .map((w) => w.trim())
    .filter(Boolean)
    .map((w) => w.replace(/\*/g, "\\p{L}*").replace(/ +/g, "\\s+"))
    .join("|");
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alt || "(?!)"})(?![\\p{L}\\p{N}])`, flags);
}

/** A person shift: the whole word `from` (any case) becomes `to`; null means the clause can't be reused. */
export const shift = (from: string, to: string | null, flags = "giu"): [RegExp, string | null] => [words(from, flags), to];

/** A duration in the customer's words: an optional preposition (dropped or kept per language), a number, a unit. */
export function duration(prefixes: string, numbers: string, units: string): RegExp {
  const w = (l: string) => l.split("|").map((x) => x.trim().replace(/ +/g, "\\s+")).join("|");
  return new RegExp(
    `(?<![\\p{L}\\p{N}])(?:(?<prefix>${w(prefixes)})\\s+)?(?<d>(?:${w(numbers)}|\\d+)\\s+(?:${w(units)}))(?![\\p{L}\\p{N}])`,
    "iu",
  );
}

export const NEVER = /(?!)/;

/** Greetings and fillers at the start of a sentence, with the punctuation after them. */
export function greeting(list: string): RegExp {
  const alt = list
    .split("|")
    .map((w) => w.trim().replace(/\*/g, "\\p{L}*").replace(/ +/g, "\\s+"))
    .join("|");
  return new RegExp(`^(?:${alt})(?![\\p{L}\\p{N}])[\\s,!.:;–—-]*`, "iu");
}

/** Where a sentence splits into clauses: punctuation, or one of these conjunctions between spaces. */
export function clauses(conjunctions: string): RegExp {
  const alt = conjunctions.split("|").map((w) => w.trim().replace(/ +/g, "\\s+")).join("|");
  return new RegExp(`\\s*(?:[,;:–—]|\\s-\\s)\\s*|\\s+(?:${alt})\\s+`, "iu");
}
