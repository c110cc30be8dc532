import type { HelpCenterRow } from "../modules/knowledge/help-centers";

/** Accept-Language → language tags, most wanted first ("da-DK,da;q=0.9,en;q=0.5" → da-dk, da, en). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .slice(0, 500)
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => /^[a-z]{1,8}(-[a-z0-9]{1,8})*$/.test(x.tag) && x.q > 0 && Number.isFinite(x.q))
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((x) => x.tag);
}

/** The help center's locale for a visitor: the first accepted language it has (exact, then by language), else its default. */
export function negotiateLocale(hc: Pick<HelpCenterRow, "locales" | "defaultLocale">, header: string | undefined): string {
  const have = hc.locales.map((l) => ({ l, lower: l.toLowerCase(), lang: l.split("-")[0].toLowerCase() }));
  for (const tag of acceptedLanguages(header)) {
    const exact = have.find((h) => h.lower === tag);
    if (exact) return exact.l;
    const lang = tag.split("-")[0];
    const byLang = have.find((h) => h.lower === lang) ?? have.find((h) => h.lang === lang);
    if (byLang) return byLang.l;
  }
  return hc.defaultLocale;
}
