/**
 * What the answer agent says around a quoted passage, per language. The hand-off sentence is honest
 * about what happens next; the answer frame follows HELP: acknowledge, answer, offer more help.
 */
export type Phrases = {
  handoff: string;
  intro: string;
  source: string;
  more: string;
};

const PHRASES: Record<string, Phrases> = {
  en: {
    handoff: "I'm passing you to a person on our team; they will see everything you wrote here.",
    intro: "Thanks for your question. Here is what our help center says:",
    source: "Source",
    more: "Did this answer your question? If not, just say so and I'll bring in a person from our team.",
  },
  da: {
    handoff: "Jeg sender dig videre til en person i vores team; vedkommende kan se alt, hvad du har skrevet her.",
    intro: "Tak for dit spørgsmål. Her er, hvad vores hjælpecenter siger:",
    source: "Kilde",
    more: "Fik du svar på dit spørgsmål? Hvis ikke, så skriv det, og jeg henter en person fra vores team.",
  },
  de: {
    handoff: "Ich gebe Sie an eine Person aus unserem Team weiter; sie sieht alles, was Sie hier geschrieben haben.",
    intro: "Danke für Ihre Frage. Das steht dazu in unserem Hilfe-Center:",
    source: "Quelle",
    more: "Hat das Ihre Frage beantwortet? Wenn nicht, schreiben Sie es einfach, und ich hole eine Person aus unserem Team dazu.",
  },
  pl: {
    handoff: "Przekazuję rozmowę osobie z naszego zespołu; zobaczy wszystko, co tutaj napisano.",
    intro: "Dziękujemy za pytanie. Oto, co mówi nasze centrum pomocy:",
    source: "Źródło",
    more: "Czy to odpowiada na pytanie? Jeśli nie, napisz, a przekażę rozmowę osobie z naszego zespołu.",
  },
  es: {
    handoff: "Te paso con una persona de nuestro equipo; verá todo lo que has escrito aquí.",
    intro: "Gracias por tu pregunta. Esto es lo que dice nuestro centro de ayuda:",
    source: "Fuente",
    more: "¿Responde esto a tu pregunta? Si no, dímelo y te paso con una persona de nuestro equipo.",
  },
  fr: {
    handoff: "Je vous transmets à une personne de notre équipe ; elle verra tout ce que vous avez écrit ici.",
    intro: "Merci pour votre question. Voici ce qu'indique notre centre d'aide :",
    source: "Source",
    more: "Est-ce que cela répond à votre question ? Sinon, dites-le-moi et je fais appel à une personne de notre équipe.",
  },
  sv: {
    handoff: "Jag skickar dig vidare till en person i vårt team; hen ser allt du har skrivit här.",
    intro: "Tack för din fråga. Så här står det i vårt hjälpcenter:",
    source: "Källa",
    more: "Fick du svar på din fråga? Om inte, säg till så hämtar jag en person från vårt team.",
  },
  nl: {
    handoff: "Ik geef je door aan iemand van ons team; die ziet alles wat je hier hebt geschreven.",
    intro: "Bedankt voor je vraag. Dit staat er in ons helpcentrum:",
    source: "Bron",
    more: "Is je vraag hiermee beantwoord? Zo niet, laat het weten en ik haal iemand van ons team erbij.",
  },
  no: {
    handoff: "Jeg sender deg videre til en person i teamet vårt; de ser alt du har skrevet her.",
    intro: "Takk for spørsmålet. Dette står i hjelpesenteret vårt:",
    source: "Kilde",
    more: "Fikk du svar på spørsmålet? Hvis ikke, si ifra, så henter jeg en person fra teamet vårt.",
  },
  fi: {
    handoff: "Siirrän sinut tiimimme jäsenelle; hän näkee kaiken, mitä olet kirjoittanut tähän.",
    intro: "Kiitos kysymyksestäsi. Ohjekeskuksemme kertoo näin:",
    source: "Lähde",
    more: "Vastasiko tämä kysymykseesi? Jos ei, kerro siitä, niin pyydän paikalle henkilön tiimistämme.",
  },
  cs: {
    handoff: "Předávám vás kolegovi z našeho týmu; uvidí vše, co jste sem napsali.",
    intro: "Děkujeme za dotaz. Toto uvádí naše centrum nápovědy:",
    source: "Zdroj",
    more: "Odpověděli jsme na váš dotaz? Pokud ne, napište to a předám vás kolegovi z našeho týmu.",
  },
  sk: {
    handoff: "Odovzdávam vás kolegovi z nášho tímu; uvidí všetko, čo ste tu napísali.",
    intro: "Ďakujeme za otázku. Toto uvádza naše centrum pomoci:",
    source: "Zdroj",
    more: "Odpovedali sme na vašu otázku? Ak nie, napíšte to a odovzdám vás kolegovi z nášho tímu.",
  },
};

export const PHRASE_LANGUAGES = Object.keys(PHRASES);

/** The phrases in a language ("da-DK" → da, "nb" → no), English when we have none for it. */
export function phrasesFor(language: string | null | undefined): Phrases {
  const l = (language ?? "en").slice(0, 2).toLowerCase();
  return PHRASES[l === "nb" || l === "nn" ? "no" : l] ?? PHRASES.en;
}
