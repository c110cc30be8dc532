import { contentWords, fold } from "../../ai/answers/text";

/**
 * How a customer's next message judges the agent's answer, in the supported languages (folded):
 * "thanks, that worked" resolves it; "that didn't help", or asking the same question again, does not.
 */
const UNHELPFUL = [
  // en
  /\b(did ?n'?t|does ?n'?t|did not|does not|was ?n'?t|is ?n'?t|not)\s+(really\s+|at all\s+)?(help|helpful|work|answer|solve|fix)/,
  /\b(useless|not what i asked|wrong answer|that'?s not it|still (not|doesn'?t|broken|missing|waiting))\b/,
  // da, no
  /\b(hjalp|hjelp|hjalper|hjelper|virkede|virket|virker|lost|loste)\b.{0,10}\bikke\b|\bikke\b.{0,15}\b(hjalp|hjelp|svar|virkede|virket|virker|lost)\b/,
  // sv
  /\b(hjalpte|fungerade|funkade)\b.{0,10}\binte\b|\binte\b.{0,15}\b(hjalp|hjalpte|svar|fungerade)\b/,
  // de
  /\b(hat|hilft|half|funktioniert|klappt)\b.{0,15}\b(nicht|nichts)\b|\b(nicht|kein)e?\b.{0,15}\b(geholfen|hilfreich|antwort|gelost)\b/,
  // nl
  /\b(helpt|hielp|werkt|werkte)\b.{0,10}\bniet\b|\bniet\b.{0,15}\b(geholpen|nuttig|antwoord)\b/,
  // pl
  /\bnie\b.{0,10}\b(pomoglo|pomaga|pomogla|dziala|zadzialalo|odpowiada|rozwiazalo)\b|\bto nie (to|jest odpowiedz)\b/,
  // cs, sk
  /\b(nepomohlo|nepomaha|nefunguje|nefungovalo|neodpovida|neodpoveda|nepomohla)\b/,
  // es
  /\bno\b.{0,10}\b(me ha ayudado|me ayudo|ayuda|ayudo|funciona|funciono|sirve|sirvio|responde)\b/,
  // fr
  /\b(ca|cela|ce)?\s*n'?a pas\b.{0,10}\b(aide|marche|fonctionne|repondu)\b|\bne (marche|fonctionne|m'aide|repond) pas\b|\bpas (utile|aide)\b/,
  // fi
  /\b(ei auttanut|ei toiminut|ei auta|ei toimi|ei vastannut)\b/,
];

const RESOLVED = [
  /^(thanks|thank you|thx|ty|tak|takk|tack|danke|dziekuje|dzieki|gracias|merci|bedankt|kiitos|dekuji|dakujem|super|perfect|great)( (a lot|so much|you|very much|mange|skal du ha|sehr|bardzo|muchas|beaucoup|wel))*[ !.:)]*$/,
  // en
  /\b(thanks|thank you|thx|ty|cheers|great|perfect|awesome|brilliant)\b.{0,40}\b(work(ed|s)?|help(ed|s|ful)?|solved|sorted|fixed|found it|got it|answer)\b/,
  /\b(that|it|this)\b.{0,10}\b(worked|works|helped|solved it|did it|fixed it)\b|\b(problem solved|all sorted|all good|got it,? thanks?)\b/,
  // da, no, sv
  /\b(tak|takk|tack)\b.{0,30}\b(virkede|virket|virker|hjalp|hjalpte|fungerade|fungerer|lost|lostes|loste|lost|perfekt|super)\b/,
  /\b(det virkede|det virket|det hjalp|det fungerade|det funkade|det fungerte)\b/,
  // de
  /\b(danke|vielen dank)\b.{0,30}\b(geklappt|funktioniert|geholfen|gelost|perfekt|super)\b|\b(hat geklappt|hat funktioniert|hat geholfen)\b/,
  // nl
  /\b(bedankt|dank je|dank u|dankjewel)\b.{0,30}\b(gelukt|werkt|geholpen|opgelost|perfect)\b|\b(het is gelukt|het werkt)\b/,
  // pl
  /\b(dziekuje|dzieki)\b.{0,30}\b(pomoglo|dziala|zadzialalo|rozwiazane|super|swietnie)\b|\b(pomoglo|zadzialalo)\b/,
  // cs, sk
  /\b(dekuji|diky|dakujem|vdaka)\b.{0,30}\b(pomohlo|funguje|fungovalo|vyreseno|super)\b|\b(pomohlo to|funguje to)\b/,
  // es
  /\b(gracias)\b.{0,30}\b(funciono|funciona|ayudo|resuelto|perfecto|genial)\b|\b(ya funciona|me ha servido|me sirvio|funciono)\b/,
  // fr
  /\b(merci)\b.{0,30}\b(marche|fonctionne|aide|resolu|parfait|super)\b|\b(ca marche|ca a marche|ca fonctionne)\b/,
  // fi
  /\b(kiitos)\b.{0,30}\b(toimi|auttoi|ratkesi|loistavaa)\b|\b(se toimi|auttoi)\b/,
];

export type Feedback = "resolved" | "unhelpful" | null;

/** The judgement in `text` on the answer to `previousQuestion`; null when it is about something else. */
export function feedbackOn(text: string, previousQuestion: string | null): Feedback {
  const t = fold(text).replace(/[’‘]/g, "'").replace(/\s+/g, " ").trim();
  if (UNHELPFUL.some((re) => re.test(t))) return "unhelpful";
  if (RESOLVED.some((re) => re.test(t))) return "resolved";
  if (previousQuestion && repeats(text, previousQuestion)) return "unhelpful";
  return null;
}

/** Pleasantries that need no answer of their own. */
const PLEASANTRY =
  /^(thanks|thank you|thx|ty|cheers|great|perfect|awesome|brilliant|super|ok(ay)?|bye|have a (nice|good|great)|you('re| are) (great|the best)|see you|tak|takk|tack|danke|dziekuje|dzieki|gracias|merci|bedankt|kiitos|dekuji|dakujem)\b/;
const pleasantry = (t: string) => PLEASANTRY.test(t) && !t.includes("?") && contentWords(t, 20).length < 3;

/**
 * What a message says besides its verdict on the answer ("Thanks, that worked! Also how do I change my
 * address?" → "Also how do I change my address?"); null when it is only thanks and pleasantries.
 */
export function afterVerdict(text: string): string | null {
  const sentences = text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim());
  const rest = sentences.filter((s) => {
    const t = fold(s).replace(/[’‘]/g, "'").replace(/\s+/g, " ").trim();
    return t && !RESOLVED.some((re) => re.test(t)) && !UNHELPFUL.some((re) => re.test(t)) && !pleasantry(t);
  });
  const joined = rest.join(" ").trim();
  if (!joined) return null;
  // A question, or a sentence with something to look up, is a new request; "see you soon" is not.
  return joined.includes("?") || contentWords(joined, 20).length >= 3 ? joined : null;
}

/** Asking the same again: most of the content words are the earlier question's. */
export function repeats(text: string, earlier: string): boolean {
  const a = new Set(contentWords(text, 40));
  const b = new Set(contentWords(earlier, 40));
  if (a.size < 2 || b.size < 2) return false;
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  return both / Math.min(a.size, b.size) >= 0.7 && both / Math.max(a.size, b.size) >= 0.5;
}
