import { clauses, duration, greeting, NEVER, shift, words } from "../regex";
import type { LanguagePack } from "../types";

export const no: LanguagePack = {
  code: "no",
  greeting: greeting("hei|hallo|heisann|hei igjen|god morgen|god dag|kjære [^,]*"),
  problem: words("ikke|aldri|fortsatt|fremdeles|igjen|ødelagt|feil|mangler|mistet|forsinket|trukket to ganger|dobbelt|låst|hacket|skuffet|ingen|ingenting"),
  leadingConjunction: /^(?:og|men|så)\s+/iu,
  subordinate: /^(?:at|fordi|da|hvis|selv om|når|som|mens|etter at)\s/iu,
  clauseSplit: clauses("og|men"),
  // Norwegian verbs don't change with the person, so subjects can be shifted as well as possessives.
  shift: [
    shift("jeg", "du"),
    shift("meg", "deg"),
    shift("min", "din"),
    shift("mitt", "ditt"),
    shift("mine", "dine"),
    shift("vi", "dere"),
    shift("oss", "dere"),
    shift("vår", "deres"),
    shift("vårt|våre", "deres"),
    // The customer's "you" is the company.
    shift("du|dere", "vi"),
    shift("deg", "oss"),
    shift("din", "vår"),
    shift("ditt", "vårt"),
    shift("dine", "våre"),
  ],
  firstPerson: NEVER,
  duration: duration("i|etter|over|nesten|i over", "en|ett|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|et par|flere", "minutter|timer|dager|dag|uker|uke|måneder|måned|år"),
  wait: ({ text }) => `å vente ${text} er virkelig frustrerende`,
  topics: [
    [words("pakke*|levering*|sending*|forsendelse*|levert"), "med leveringen din"],
    [words("refusjon*|tilbakebetal*|pengene tilbake|retur*"), "med refusjonen din"],
    [words("betaling*|trukket|kort*|belastet|betalt"), "med betalingen din"],
    [words("faktura*|kvittering*"), "med fakturaen din"],
    [words("passord*|innlogging|logge inn|konto*|låst ute"), "med kontoen din"],
    [words("abonnement*"), "med abonnementet ditt"],
    [words("app|appen|nettside*|feil|feilen"), "med appen"],
    [words("bestilling*|ordre*|bestilt*|vare|varen|varer|varene|produkt*"), "med bestillingen din"],
  ],
  ack: {
    anger: {
      clause: ["{P} – det beklager jeg virkelig", "{P}, og jeg forstår godt at du er sint"],
      topic: ["Jeg beklager virkelig problemene {t}", "Jeg forstår godt at du er sint over problemene {t}"],
      generic: ["Det beklager jeg virkelig, og jeg forstår godt at du er sint", "Du har all grunn til å være misfornøyd – det beklager jeg"],
    },
    frustration: {
      clause: ["{P} – det er jeg lei meg for", "{P}, og jeg forstår godt at det er frustrerende"],
      topic: ["Jeg beklager bryderiet {t}", "Jeg forstår godt at problemene {t} er frustrerende"],
      generic: ["Det er jeg lei meg for – jeg forstår godt at det er frustrerende", "Jeg forstår godt hvor frustrerende dette må være"],
    },
    fear: {
      clause: ["{P} – jeg forstår godt at det bekymrer deg"],
      topic: ["Jeg forstår godt at problemet {t} bekymrer deg"],
      generic: ["Jeg forstår godt at dette er bekymringsfullt – jeg hjelper deg med det med en gang", "Du trenger ikke å bekymre deg – vi finner ut av det sammen"],
    },
    sadness: {
      clause: ["{P} – det er jeg virkelig lei meg for å høre"],
      topic: ["Jeg er virkelig lei meg for det som har skjedd {t}"],
      generic: ["Det er jeg virkelig lei meg for å høre", "Jeg er lei meg for at dette har vært en så skuffende opplevelse"],
    },
    joy: { clause: [], topic: [], generic: ["Tusen takk for de hyggelige ordene!", "Så hyggelig å høre – takk for at du skrev!"] },
  },
  apology: { topic: "Jeg beklager bryderiet {t}.", generic: "Jeg beklager ulempene dette har medført." },
  restate: {
    clause: "Hvis jeg har forstått deg riktig: {p}.",
    topic: "Hvis jeg har forstått deg riktig, er det et problem {t}.",
    generic: "Bare for å være sikker på at jeg har forstått riktig: {q}",
  },
  lead: "Hva kan jeg gjøre for å løse dette for deg?",
  email: { thanksTopic: "Takk for meldingen din om problemet {t}.", thanks: "Takk for meldingen din.", asked: "Du spør: {q}", wrote: "Du skriver: {q}" },
  quote: ["«", "»"],
  resolved: "Gode nyheter: saken din er nå løst. Hvis noe fortsatt ikke er i orden, er det bare å svare på denne meldingen.",
  ackCues: words("beklager|lei meg|unnskyld|forstår|frustrerende|irriterende|kjedelig|bekymr*|takk for tålmodigheten"),
  request: words("kan dere|kan du|vær så snill|vennligst|jeg vil gjerne|jeg trenger|hvordan|er det mulig|hjelp|når"),
  tried: words("prøvd|prøvde|forsøkt|forsøkte|startet på nytt|startet den på nytt|omstart*|installert på nytt|installerte på nytt|reinstallert|tilbakestilt|tømt|oppdatert"),
  promise: words("jeg skal|jeg vil|vi skal|vi vil|jeg sender|vi sender|jeg kommer tilbake|innen mandag|innen tirsdag|innen onsdag|innen torsdag|innen fredag|i morgen|jeg lover"),
};
