/**
 * Facts a hand-off summary must carry exactly as written: order numbers, dates and amounts. Always
 * extracted from the text, never generated.
 */
export type Facts = { orderNumbers: string[]; dates: string[]; amounts: string[] };

const L = "(?<![\\p{L}\\p{N}])";
const R = "(?![\\p{L}\\p{N}])";

const ORDER_WORDS = [
  "order number", "order no", "order", "ordrenummer", "ordrenr", "ordre", "bestillingsnummer", "bestilling",
  "numer zamówienia", "zamówienie", "zamówienia", "zamówieniu", "zamówieniem", "číslo objednávky", "objednávka",
  "objednávky", "objednávce", "objednávku", "bestellnummer", "bestellung", "número de pedido", "pedido",
  "numéro de commande", "commande", "ordernummer", "beställning", "bestelnummer", "bestelling", "tilausnumero",
  "tilauksen", "tilaus",
].map((w) => w.replace(/ /g, "\\s+"));
const ORDER = new RegExp(
  `${L}(?:${ORDER_WORDS.join("|")})${R}\\s*(?:nr\\.?|no\\.?|number|nummer|numer|número|numéro|číslo|č\\.|n[º°o]\\.?)?\\s*[:#]?\\s*#?\\s*([A-Z]{0,4}-?\\d{3,}[A-Z0-9-]*)`,
  "giu",
);
const HASH = /(?<![\p{L}\p{N}&])#\s?([A-Z]{0,4}-?\d{4,}[A-Z0-9-]*)/giu;

const MONTHS = [
  "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec",
  "januar|februar|marts|mars|maj|mai|juni|juli|oktober|desember|dezember|märz",
  "januari|februari|augusti|maart|mei|augustus",
  "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia",
  "ledna|února|března|dubna|května|června|července|srpna|září|října|listopadu|prosince",
  "januára|februára|apríla|mája|júna|júla|augusta|septembra|októbra|novembra|decembra",
  "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre",
  "janvier|février|avril|juin|juillet|août|septembre|octobre|novembre|décembre",
  "tammikuuta|helmikuuta|maaliskuuta|huhtikuuta|toukokuuta|kesäkuuta|heinäkuuta|elokuuta|syyskuuta|lokakuuta|marraskuuta|joulukuuta",
]
  .join("|")
  .split("|")
  .sort((a, b) => b.length - a.length)
  .join("|");
const DATES = [
  new RegExp(`${L}\\d{4}-\\d{2}-\\d{2}${R}`, "gu"),
  new RegExp(`${L}\\d{1,2}[./]\\d{1,2}[./](?:\\d{4}|\\d{2})${R}`, "gu"),
  new RegExp(`${L}\\d{1,2}(?:\\.|st|nd|rd|th)?\\s*(?:de\\s+)?(?:${MONTHS})(?:\\s+(?:de\\s+)?\\d{4})?${R}`, "giu"),
  new RegExp(`${L}(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?${R}`, "giu"),
];

const CURRENCY_BEFORE = "US\\$|€|\\$|£|EUR|USD|GBP|DKK|SEK|NOK|PLN|CZK|CHF";
const CURRENCY_AFTER = "€|\\$|£|kr\\.?|zł|PLN|EUR|USD|DKK|SEK|NOK|CZK|Kč|GBP|CHF|euros?|dollars?|kroner|kronor|złotych|złote|korun|koruny";
const NUM = "(?:\\d{1,3}(?:[\\u00a0 .,’']\\d{3})+|\\d+)(?:[.,]\\d{1,2})?";
const AMOUNTS = [
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${CURRENCY_BEFORE})\\s?${NUM}(?![\\p{N}])`, "giu"),
  new RegExp(`(?<![\\p{L}\\p{N}.,])${NUM}\\s?(?:${CURRENCY_AFTER})(?![\\p{L}\\p{N}])`, "giu"),
];

const uniq = (xs: string[], n: number) => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const x of xs.map((s) => s.replace(/\s+/g, " ").trim())) {
    const k = x.toLowerCase();
    if (!x || seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  return out.slice(0, n);
};

export function extractFacts(texts: string[]): Facts {
  const orderNumbers: string[] = [];
  const dates: string[] = [];
  const amounts: string[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(ORDER)) orderNumbers.push(m[1]);
    for (const m of text.matchAll(HASH)) orderNumbers.push(m[1]);
    for (const re of DATES) for (const m of text.matchAll(re)) dates.push(m[0]);
    for (const re of AMOUNTS) for (const m of text.matchAll(re)) amounts.push(m[0]);
  }
  return { orderNumbers: uniq(orderNumbers, 10), dates: uniq(dates, 10), amounts: uniq(amounts, 10) };
}
