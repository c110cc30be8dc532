import { describe, expect, it } from "vitest";
import { acceptedLanguages, negotiateLocale } from "../../src/server/help-center/negotiate";
import { fill, stringsFor, UI_LOCALES } from "../../src/server/help-center/i18n";

describe("help-center UI strings", () => {
  it("exist in every language the issue names, complete, with the same placeholders as English", () => {
    for (const l of ["en", "da", "pl", "sk", "de", "es", "fr", "sv", "nl", "cs"]) expect(UI_LOCALES).toContain(l);
    const en = stringsFor("en");
    for (const l of UI_LOCALES) {
      const s = stringsFor(l);
      expect(Object.keys(s).sort(), l).toEqual(Object.keys(en).sort());
      for (const [k, v] of Object.entries(s)) {
        expect(v.trim(), `${l}.${k}`).not.toBe("");
        const holes = (x: string) => (x.match(/\{\w+\}/g) ?? []).sort();
        expect(holes(v), `${l}.${k}`).toEqual(holes(en[k as keyof typeof en]));
      }
      if (l !== "en") expect(s.talk, l).not.toBe(en.talk);
    }
    expect(stringsFor("pt-BR")).toBe(en);
    expect(stringsFor("da-DK").talk).toBe("Tal med en person");
    expect(fill(stringsFor("de").resultsMany, { n: 3, q: "Rechnung" })).toBe("3 Ergebnisse für „Rechnung“");
  });
});

describe("Accept-Language", () => {
  const hc = { locales: ["en", "da", "de", "pt-BR"], defaultLocale: "en" };
  it("orders by q and picks the help center's best match, by language when the region differs", () => {
    expect(acceptedLanguages("da;q=0.5, de-AT, en;q=0.9")).toEqual(["de-at", "en", "da"]);
    expect(negotiateLocale(hc, "de-AT,de;q=0.9")).toBe("de");
    expect(negotiateLocale(hc, "fr-FR, da;q=0.3")).toBe("da");
    expect(negotiateLocale(hc, "pt")).toBe("pt-BR");
    expect(negotiateLocale(hc, "fr, ja")).toBe("en");
    expect(negotiateLocale(hc, undefined)).toBe("en");
    expect(negotiateLocale(hc, "*;q=0.1, <script>, da;q=0")).toBe("en");
  });
});
