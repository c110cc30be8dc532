import { clauses, duration, greeting, NEVER, shift, words } from "../regex";
import type { LanguagePack } from "../types";

export const sv: LanguagePack = {
  code: "sv",
  greeting: greeting("hej|hejsan|hallå|god morgon|god dag|goddag|kära [^,]*|tjena|hej igen"),
  problem: words("inte|aldrig|fortfarande|ännu inte|igen|trasig*|sönder|fel|saknas|förlorat|försenad*|dragits två gånger|dubbel*|låst|hackad*|hackat|besviken|ingen|inget|ingenting"),
  leadingConjunction: /^(?:och|men|så)\s+/iu,
  subordinate: /^(?:att|eftersom|därför att|då|om|fast|när|som|medan|innan)\s/iu,
  clauseSplit: clauses("och|men"),
  // Swedish verbs don't change with the person, so subjects can be shifted as well as possessives.
  shift: [
    shift("jag", "du"),
    shift("mig|mej", "dig"),
    shift("min", "din"),
    shift("mitt", "ditt"),
    shift("mina", "dina"),
    // The customer's "you" is the company.
    shift("du|ni", "vi"),
    shift("dig", "oss"),
    shift("din", "vår"),
    shift("ditt", "vårt"),
    shift("dina", "våra"),
    shift("vi|oss|vår|vårt|våra|er|ert|era", null),
  ],
  firstPerson: NEVER,
  duration: duration("i|efter|över|nästan|i över", "en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|ett par|flera", "minuter|timmar|dagar|dag|veckor|vecka|månader|månad|år"),
  wait: ({ text }) => `att vänta ${text} är verkligen frustrerande`,
  topics: [
    [words("paket*|leverans*|försändelse*|levererad*|budfirma*"), "med din leverans"],
    [words("återbetalning*|pengarna tillbaka|retur*"), "med din återbetalning"],
    [words("betalning*|dragit*|dragits|kort*|debiter*|betalat"), "med din betalning"],
    [words("faktura*|kvitto*"), "med din faktura"],
    [words("lösenord*|inloggning*|logga in|konto*|utelåst"), "med ditt konto"],
    [words("prenumeration*|abonnemang*"), "med din prenumeration"],
    [words("app|appen|webbplats*|hemsida*|fel|felet"), "med appen"],
    [words("beställning*|order*|beställ*|vara|varan|varor|varorna|produkt*"), "med din beställning"],
  ],
  ack: {
    anger: {
      clause: ["{P} – det beklagar jag verkligen", "{P}, och jag förstår verkligen att du är arg"],
      topic: ["Jag beklagar verkligen problemen {t}", "Jag förstår att du är arg över problemen {t}"],
      generic: ["Det beklagar jag verkligen, och jag förstår att du är arg", "Du har all anledning att vara missnöjd – det beklagar jag"],
    },
    frustration: {
      clause: ["{P} – det är jag ledsen för", "{P}, och jag förstår att det är frustrerande"],
      topic: ["Jag beklagar besväret {t}", "Jag förstår att problemen {t} är frustrerande"],
      generic: ["Det är jag ledsen för – jag förstår hur frustrerande det är", "Jag förstår hur frustrerande det här måste vara"],
    },
    fear: {
      clause: ["{P} – jag förstår att det oroar dig"],
      topic: ["Jag förstår att problemet {t} oroar dig"],
      generic: ["Jag förstår att det här känns oroande – jag hjälper dig direkt", "Du behöver inte oroa dig – vi löser det här tillsammans"],
    },
    sadness: {
      clause: ["{P} – det är jag verkligen ledsen att höra"],
      topic: ["Jag är verkligen ledsen över det som har hänt {t}"],
      generic: ["Det är jag verkligen ledsen att höra", "Jag är ledsen att det här har varit en så tråkig upplevelse"],
    },
    joy: { clause: [], topic: [], generic: ["Tack så mycket för de vänliga orden!", "Vad roligt att höra – tack för att du hörde av dig!"] },
  },
  apology: { topic: "Jag ber om ursäkt för besväret {t}.", generic: "Jag ber om ursäkt för besväret." },
  restate: {
    clause: "Om jag har förstått dig rätt: {p}.",
    topic: "Om jag har förstått dig rätt är det ett problem {t}.",
    generic: "Bara för att vara säker på att jag har förstått rätt: {q}",
  },
  lead: "Vad kan jag göra för att lösa det här åt dig?",
  email: { thanksTopic: "Tack för ditt meddelande om problemet {t}.", thanks: "Tack för ditt meddelande.", asked: "Du frågar: {q}", wrote: "Du skriver: {q}" },
  quote: ["”", "”"],
  resolved: "Goda nyheter: ditt ärende är nu löst. Om något fortfarande inte stämmer kan du bara svara på det här meddelandet.",
  ackCues: words("beklagar|ledsen|förlåt|ursäkt|förstår|frustrerande|irriterande|tråkigt|oro*|tack för ditt tålamod"),
  request: words("kan ni|kan du|snälla|vänligen|jag vill|jag skulle vilja|jag behöver|hur|är det möjligt|hjälp|när"),
  tried: words("försökt|försökte|provat|provade|startat om|startade om|installerat om|installerade om|återställt|återställde|rensat|rensade|uppdaterat|uppdaterade"),
  promise: words("jag ska|jag kommer att|vi ska|vi kommer att|jag skickar|vi skickar|jag återkommer|senast|innan måndag|innan tisdag|innan onsdag|innan torsdag|innan fredag|i morgon|imorgon|jag lovar"),
};
