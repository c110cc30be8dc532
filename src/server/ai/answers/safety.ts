import { fold } from "./text";

/**
 * Guards around the answer agent. Questions and articles are data: text that tries to give the model
 * instructions is recognised (so the LLM is not even asked), and whatever the model writes is checked
 * before anyone sees it: it must cite a given source, link only to given sources, and never repeat its
 * instructions.
 */

// Folded (lower case, no diacritics) phrasings of "ignore your instructions / show your prompt" in the supported languages.
const INJECTION = [
  /\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(previous|prior|above|earlier|all|your|the|any)\b.{0,30}\b(instruction|instructions|prompt|prompts|rules|directions|guidelines|context)\b/,
  /\b(system|developer|hidden|initial|original)\s+(prompt|message|instructions?)\b/,
  /\b(print|reveal|show|repeat|output|display|leak|tell me|write out|dump)\b.{0,30}\b(prompt|instructions|rules|guidelines)\b/,
  /\byou are now\b|\bact as (an? )?(unrestricted|different|new)\b|\bpretend (to be|you are)\b|\bjailbreak|\bdan mode\b|\bdeveloper mode\b/,
  /<\/?\s*(system|assistant|instructions?|im_start|im_end)\b|\[\/?(inst|system)\]|###\s*(system|instruction)/,
  // da, no, sv
  /\b(ignorer|glem|ignorera|glom)\b.{0,40}\b(instruktioner|instruksjoner|instruktionerna|instruktioner|regler|reglerne|reglene)\b/,
  /\b(system ?prompt|systemprompt|systemprompten)\b/,
  // de
  /\b(ignoriere|ignorieren|vergiss|vergessen)\b.{0,40}\b(anweisungen|anweisung|regeln|instruktionen)\b/,
  // pl, cs, sk
  /\b(zignoruj|ignoruj|zapomnij|ignoruj|ignorujte|zapomen|zabudni)\b.{0,40}\b(instrukcje|instrukcji|polecenia|zasady|instrukce|pokyny|instrukcie)\b/,
  // es, fr, nl, fi
  /\b(ignora|ignore|olvida|oublie|negeer|vergeet|unohda)\b.{0,40}\b(instrucciones|instructions|consignes|instructies|ohjeet)\b/,
];

export function looksLikeInjection(text: string): boolean {
  const t = fold(text).replace(/\s+/g, " ");
  return INJECTION.some((re) => re.test(t));
}

const words = (s: string) => fold(s).match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Whether `output` repeats the prompt: its canary, or any run of `run` consecutive words of it (the
 * prompt's fixed wording, not the quoted articles, which an answer may legitimately repeat).
 */
export function leaksPrompt(output: string, prompt: string, canary: string, run = 8): boolean {
  if (output.includes(canary) || fold(output).includes(fold(canary))) return true;
  const p = words(prompt);
  if (p.length < run) return false;
  const grams = new Set<string>();
  for (let i = 0; i + run <= p.length; i++) grams.add(p.slice(i, i + run).join(" "));
  const o = words(output);
  for (let i = 0; i + run <= o.length; i++) if (grams.has(o.slice(i, i + run).join(" "))) return true;
  return false;
}

/** The source numbers an answer cites as [1], [2] (only those that exist). */
export function citedNumbers(output: string, sources: number): number[] {
  const out = new Set<number>();
  for (const m of output.matchAll(/\[(\d{1,2})(?:\s*,\s*(\d{1,2}))*\]/g)) {
    for (const n of m[0].match(/\d{1,2}/g) ?? []) {
      const i = Number(n);
      if (i >= 1 && i <= sources) out.add(i);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** Links in an answer that are not among the given sources' (an injected article could plant one). */
export function foreignLinks(output: string, allowed: string[]): string[] {
  const ok = new Set(allowed.map((u) => u.replace(/\/+$/, "")));
  const links = output.match(/\bhttps?:\/\/[^\s)\]>"']+/gi) ?? [];
  return links.map((l) => l.replace(/[.,;:!?]+$/, "").replace(/\/+$/, "")).filter((l) => !ok.has(l));
}

/** Data quoted into a prompt can't close or open our tags. */
export function quoteData(text: string): string {
  return text.replace(/<\/?\s*(articles?|customer_message|instructions?|system)[^>]*>/gi, "[removed tag]");
}

// Scheme-less domains ("evil.example/reset"), not file names ("invoice.pdf").
const DOMAIN = /\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\b/gi;
const FILE_EXT = /\.(pdf|csv|txt|png|jpe?g|gif|zip|docx?|xlsx?|pptx?|html?|json|xml|eml|svg|webp|mp4|mov)$/i;
const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,24}/gi;
const PHONE = /(?:\+|\b)\d[\d ()./-]{5,}\d\b/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const digits = (s: string) => s.replace(/\D/g, "");

/**
 * Contact details in an answer that none of its sources contain: a domain (with or without a scheme), an
 * email address or a phone number an injected article or a confused model could send customers to.
 */
export function foreignContacts(output: string, sources: string[]): string[] {
  const allowed = sources.join("\n").toLowerCase();
  const allowedDigits = sources.flatMap((s) => (s.match(PHONE) ?? []).map(digits));
  const out: string[] = [];
  for (const e of output.match(EMAIL) ?? []) if (!allowed.includes(e.toLowerCase())) out.push(e);
  const withoutEmails = output.replace(EMAIL, " ");
  for (const d of withoutEmails.match(DOMAIN) ?? []) {
    if (FILE_EXT.test(d) || allowed.includes(d.toLowerCase())) continue;
    out.push(d);
  }
  for (const p of withoutEmails.match(PHONE) ?? []) {
    const n = digits(p);
    if (n.length < 7 || ISO_DATE.test(p.trim())) continue;
    if (!allowedDigits.includes(n) && !digits(allowed).includes(n)) out.push(p.trim());
  }
  return out;
}
