/** Text clean-up shared by the analyser and the training scripts: bounded, safe, matchable. */

/** The analyser reads at most this much: the head carries the request, the tail the sign-off. */
export const HEAD_CHARS = 1500;
export const TAIL_CHARS = 500;

/** Zero-width, bidi and variation-selector code points hide inside words ("hu\u200bman"); they carry no meaning here. */
function invisible(c: number): boolean {
  return (
    c === 0xad ||
    c === 0x34f ||
    c === 0x61c ||
    c === 0x115f ||
    c === 0x1160 ||
    c === 0x17b4 ||
    c === 0x17b5 ||
    c === 0x180e ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x206f) ||
    c === 0x3164 ||
    (c >= 0xfe00 && c <= 0xfe0e) ||
    c === 0xfeff
  );
}

/** C0/C1 controls other than tab and newline, and the replacement character left by broken decoders. */
function garbage(c: number): boolean {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd;
}

/** Drops invisible characters and turns controls and lone UTF-16 surrogates into spaces, in one pass. */
function scrub(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let replacement: string | null = null;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      replacement = " ";
    } else if (c >= 0xdc00 && c <= 0xdfff) replacement = " ";
    else if (invisible(c)) replacement = "";
    else if (garbage(c)) replacement = " ";
    if (replacement !== null) {
      out += text.slice(from, i) + replacement;
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Bounded, cleaned copy of the input: never longer than HEAD_CHARS + TAIL_CHARS (+1 newline). */
export function cleanText(input: unknown): string {
  if (typeof input !== "string" || input.length === 0) return "";
  let text = input;
  if (text.length > HEAD_CHARS + TAIL_CHARS) {
    // A surrogate pair cut at a seam becomes a lone surrogate, which scrub() turns into a space.
    text = text.slice(0, HEAD_CHARS) + "\n" + text.slice(text.length - TAIL_CHARS);
  }
  return scrub(text).normalize("NFC");
}

/** Lowercase and strip diacritics (ł, ø, æ, ß, đ have no combining form and are mapped by hand). */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[łøæßđ]/g, (c) => FOLD_EXTRA[c] ?? c);
}
const FOLD_EXTRA: Record<string, string> = { ł: "l", ø: "o", æ: "ae", ß: "ss", đ: "d" };

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Lowercased, diacritic-folded word tokens (apostrophe contractions kept whole: "don't", "j'ai" → "j", "ai"). */
export function tokenize(text: string): string[] {
  return tokenizeSentences(text).tokens;
}

/**
 * Tokens, and for each the number of the sentence (ended by . ! ? ; or a line break) and of the clause (also
 * ended by a comma, colon or dash) it is in.
 */
export function tokenizeSentences(text: string): { tokens: string[]; sentence: number[]; clause: number[] } {
  const folded = fold(text).replace(/[’]/g, "'");
  const tokens: string[] = [];
  const sentence: number[] = [];
  const clause: number[] = [];
  let at = 0;
  let s = 0;
  let c = 0;
  for (const m of folded.matchAll(WORD)) {
    const w = m[0];
    const index = m.index ?? 0;
    if (tokens.length > 0) {
      let sentenceEnds = false;
      let clauseEnds = false;
      for (let k = at; k < index; k++) {
        const ch = folded[k];
        if (ch === "." || ch === "!" || ch === "?" || ch === ";" || ch === "\n") sentenceEnds = clauseEnds = true;
        else if (ch === "," || ch === ":" || ch === "–" || ch === "—" || (ch === "-" && folded[k - 1] === " " && folded[k + 1] === " ")) clauseEnds = true;
      }
      if (sentenceEnds) s++;
      if (clauseEnds) c++;
    }
    at = index + w.length;
    // French/Italian elision: l'adresse → l' + adresse, so the content word still matches.
    const apo = w.indexOf("'");
    const parts = apo > 0 && apo <= 2 && /^(?:[ldjmnstc]|qu)$/.test(w.slice(0, apo)) ? [w.slice(0, apo), w.slice(apo + 1)] : [w];
    for (const part of parts) {
      tokens.push(part);
      sentence.push(s);
      clause.push(c);
    }
  }
  return { tokens, sentence, clause };
}

/** Number of letters in the text (any script). */
export function letterCount(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(/\p{L}/gu)) n++;
  return n;
}
