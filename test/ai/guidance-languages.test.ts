import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/shared/schemas";
import { acknowledgesFeelings, composeGuidance, resolvedMessage } from "../../src/server/ai/guidance/compose";
import { extractFacts } from "../../src/server/ai/guidance/facts";
import { GUIDANCE_LANGUAGES, PACKS } from "../../src/server/ai/guidance/languages";
import { summarizeThread } from "../../src/server/ai/guidance/summary";
import { shiftPerson } from "../../src/server/ai/guidance/text";

const analysis = (label: Analysis["emotion"]["label"], intensity = 0.8, language = "en"): Analysis => ({
  language,
  languageConfidence: 1,
  emotion: { label, intensity, scores: {} as Analysis["emotion"]["scores"] },
  wantsHuman: false,
  urgency: "normal",
  coverage: "full",
  engine: "offline",
});

/** An upset customer in each language, and the phrase of theirs the acknowledgement must say back. */
const UPSET: Record<string, [string, string]> = {
  en: [
    "Hi, I ordered a lamp three weeks ago and the parcel still hasn't arrived!!! This is ridiculous.",
    "the parcel still hasn't arrived",
  ],
  pl: ["Dzień dobry, zamówiłem lampę trzy tygodnie temu i paczka nadal nie dotarła! To skandal.", "paczka nadal nie dotarła"],
  da: ["Min pakke er stadig ikke kommet efter tre uger. Det er helt uacceptabelt!", "Din pakke er stadig ikke kommet"],
  de: [
    "Hallo, ich habe vor drei Wochen bestellt und das Paket ist immer noch nicht angekommen. Das ist eine Frechheit!",
    "Das Paket ist immer noch nicht angekommen",
  ],
  es: ["Hola, hice un pedido hace tres semanas y el paquete todavía no ha llegado. ¡Estoy harto!", "El paquete todavía no ha llegado"],
  fr: [
    "Bonjour, j'ai commandé il y a trois semaines et le colis n'est toujours pas arrivé. C'est inadmissible !",
    "Le colis n'est toujours pas arrivé",
  ],
  cs: ["Dobrý den, objednal jsem si lampu před třemi týdny a balík stále nedorazil. Je to skandál!", "balík stále nedorazil"],
  sk: ["Dobrý deň, môj balík stále neprišiel, čakám už tri týždne. Som veľmi nahnevaný!", "váš balík stále neprišiel"],
  sv: [
    "Hej, jag beställde en lampa för tre veckor sedan och paketet har fortfarande inte kommit. Det är oacceptabelt!",
    "Paketet har fortfarande inte kommit",
  ],
  nl: [
    "Hallo, ik heb drie weken geleden besteld en het pakket is nog steeds niet aangekomen. Dit is belachelijk!",
    "Het pakket is nog steeds niet aangekomen",
  ],
  no: [
    "Hei, jeg bestilte en lampe for tre uker siden, og pakken har fortsatt ikke kommet. Dette er helt uakseptabelt!",
    "Pakken har fortsatt ikke kommet",
  ],
  fi: [
    "Hei, tilasin lampun kolme viikkoa sitten, eikä paketti ole vieläkään saapunut. Tämä on ihan naurettavaa!",
    "paketti ei ole vieläkään saapunut",
  ],
};

describe("acknowledge first, in every supported language", () => {
  it("covers the twelve languages of the issue", () => {
    expect(GUIDANCE_LANGUAGES.sort()).toEqual(["cs", "da", "de", "en", "es", "fi", "fr", "nl", "no", "pl", "sk", "sv"]);
  });

  for (const lang of Object.keys(UPSET)) {
    it(`${lang}: says the customer's problem back, fitted to the emotion`, () => {
      const [text, phrase] = UPSET[lang];
      const g = composeGuidance({ text, analysis: analysis("frustration", 0.8, lang), temperature: 70, channel: "email", language: lang });
      expect(g.language).toBe(lang);
      expect(g.acknowledgeFirst).toBe(true);
      expect(g.acknowledgements.length).toBeGreaterThanOrEqual(2);
      expect(g.acknowledgements.length).toBeLessThanOrEqual(3);
      expect(
        g.acknowledgements.some((a) => a.includes(phrase)),
        g.acknowledgements.join("\n"),
      ).toBe(true);
      for (const a of [...g.acknowledgements, g.restatement ?? "", g.apology ?? "", g.emailOpening ?? ""]) {
        expect(a).not.toMatch(/[{}]|\s[,.]|\.\.|– [^.]* –|\s{2}/u);
        expect(a).toMatch(/[.!?»”“’]$/u);
      }
      // Every acknowledgement Rapport proposes is one its own nudge recognises.
      for (const a of g.acknowledgements) expect(acknowledgesFeelings(a), a).toBe(true);
      expect(g.restatement).toBeTruthy();
      expect(g.leadQuestion).toBe(PACKS[lang].lead);
      expect(g.emailOpening).toBeTruthy();
    });

    it(`${lang}: every emotion has openings, and a calm message needs none`, () => {
      for (const label of ["anger", "frustration", "fear", "sadness"] as const) {
        const g = composeGuidance({
          text: UPSET[lang][0],
          analysis: analysis(label, 0.7, lang),
          temperature: null,
          channel: "chat",
          language: lang,
        });
        expect(g.acknowledgements.length, label).toBeGreaterThanOrEqual(1);
        for (const a of g.acknowledgements) expect(acknowledgesFeelings(a), a).toBe(true);
      }
      const glad = composeGuidance({ text: "ok", analysis: analysis("joy", 0.8, lang), temperature: 5, channel: "chat", language: lang });
      expect(glad.acknowledgeFirst).toBe(false);
      expect(glad.acknowledgements.length).toBeGreaterThan(0);
      expect(glad.apology).toBeNull();
      const calm = composeGuidance({
        text: UPSET[lang][0],
        analysis: analysis("neutral", 0.2, lang),
        temperature: 10,
        channel: "chat",
        language: lang,
      });
      expect(calm.acknowledgeFirst).toBe(false);
      expect(calm.acknowledgements).toEqual([]);
    });

    it(`${lang}: a done follow-up message has no placeholder left (task titles are internal, never sent)`, () => {
      const text = resolvedMessage(lang);
      expect(text.length).toBeGreaterThan(30);
      expect(text).not.toMatch(/[{}]/);
      if (lang !== "en") expect(text).not.toBe(resolvedMessage("en"));
    });
  }

  it("a mild shade of emotion is not enough; a hot conversation is", () => {
    const text = "My parcel still hasn't arrived.";
    expect(
      composeGuidance({ text, analysis: analysis("frustration", 0.1), temperature: 20, channel: "chat", language: "en" }).acknowledgeFirst,
    ).toBe(false);
    expect(
      composeGuidance({ text, analysis: analysis("neutral", 0.1), temperature: 75, channel: "chat", language: "en" }).acknowledgeFirst,
    ).toBe(true);
  });

  it("moves the customer's words to the agent's point of view without breaking the grammar", () => {
    expect(shiftPerson("you sent me the wrong size", PACKS.en)).toBe("we sent you the wrong size");
    expect(shiftPerson("my card was charged twice", PACKS.en)).toBe("your card was charged twice");
    expect(shiftPerson("moja paczka nadal nie dotarła", PACKS.pl)).toBe("Pana/Pani paczka nadal nie dotarła");
    expect(shiftPerson("nie dostałem paczki", PACKS.pl)).toBeNull(); // "dostałem" would need the customer's gender
    expect(shiftPerson("mein Paket ist nicht angekommen", PACKS.de)).toBe("Ihr Paket ist nicht angekommen");
    expect(shiftPerson("ich habe nichts bekommen", PACKS.de)).toBeNull();
    expect(shiftPerson("mon colis ne m'a jamais été livré", PACKS.fr)).toBe("votre colis ne vous a jamais été livré");
    expect(shiftPerson("jeg har ventet i tre uger på min pakke", PACKS.da)).toBe("du har ventet i tre uger på din pakke");
    expect(shiftPerson("min beställning har inte kommit", PACKS.sv)).toBe("din beställning har inte kommit");
    expect(shiftPerson("můj balík nedorazil", PACKS.cs)).toBe("váš balík nedorazil");
  });

  it("never fails on odd input: empty, emoji, invisible characters, right-to-left, binary, a megabyte", () => {
    for (const text of [
      "",
      "😡😡😡",
      "\u200b\u200b\u200b",
      "الطرد لم يصل بعد",
      "\u0000\u0001bin\uffff",
      "MY PARCEL NEVER ARRIVED!!!",
      "x".repeat(1_000_000),
    ]) {
      const t0 = performance.now();
      const g = composeGuidance({ text, analysis: analysis("anger", 0.9), temperature: 90, channel: "email", language: "en" });
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(g.acknowledgements.length).toBeGreaterThan(0);
      for (const s of [...g.acknowledgements, g.restatement ?? "", g.emailOpening ?? ""])
        expect([...s].some((ch) => ch.charCodeAt(0) < 9 || ch === "\uffff")).toBe(false);
    }
    expect(
      composeGuidance({ text: "MY PARCEL NEVER ARRIVED!!!", analysis: analysis("anger"), temperature: 90, channel: "chat", language: "en" })
        .acknowledgements[0],
    ).toBe("I'm sorry your parcel never arrived.");
  });
});

describe("hand-off facts and summary", () => {
  it("extracts order numbers, dates and amounts as written, in several languages", () => {
    const f = extractFacts([
      "My order #12345 was charged €49.99 twice on 2024-03-05, and again on 12 March 2024.",
      "Zamówienie nr 98765 za 1 299,00 zł, zapłacone 5 marca.",
      "Ordre 55501 kostede 349 kr. den 3. maj",
      "Bestellung Nr. 77123 über 59,90 € am 12.04.2024",
      "I waited three weeks.",
    ]);
    expect(f.orderNumbers).toEqual(["12345", "98765", "55501", "77123"]);
    expect(f.dates).toEqual(["2024-03-05", "12 March 2024", "5 marca", "3. maj", "12.04.2024"]);
    expect(f.amounts).toEqual(["€49.99", "1 299,00 zł", "349 kr.", "59,90 €"]);
  });

  it("reads the wants, what was tried, the promises and the trend of the mood", () => {
    const s = summarizeThread({
      subject: "Desk",
      language: "en",
      temperature: 72,
      messages: [
        { kind: "incoming", from: "customer", text: "Hi, where is my desk? Order 48213.", analysis: analysis("neutral", 0.2) },
        {
          kind: "reply",
          from: "agent",
          text: "Sorry for the wait! I checked with the warehouse today. We'll send it by Friday.",
          analysis: null,
        },
        { kind: "note", from: "agent", text: "I will refund everything (internal joke).", analysis: null },
        {
          kind: "incoming",
          from: "customer",
          text: "I already tried calling the courier. Still nothing. I'm furious!",
          analysis: analysis("anger", 0.9),
        },
      ],
    });
    expect(s.wants).toBe("where is my desk?");
    expect(s.tried).toEqual(["Agent: I checked with the warehouse today.", "Customer: I already tried calling the courier."]);
    expect(s.promises).toEqual(["We'll send it by Friday."]);
    expect(s.facts.orderNumbers).toEqual(["48213"]);
    expect(s.mood).toEqual({ emotion: "anger", temperature: 72, trend: "hotter" });
  });
});
