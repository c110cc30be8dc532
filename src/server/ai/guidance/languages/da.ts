import { clauses, duration, greeting, NEVER, shift, words } from "../regex";
import type { LanguagePack } from "../types";

export const da: LanguagePack = {
  code: "da",
  greeting: greeting("hej|hejsa|hallo|goddag|god morgen|godaften|kære [^,]*|hej igen"),
  problem: words(
    "ikke|aldrig|stadig|igen|endnu ikke|i stykker|ødelagt|forkert|forkerte|mangler|mistet|forsinket|fejl|fejlen|trukket to gange|dobbelt|låst|hacket|skuffet|ingen|intet",
  ),
  leadingConjunction: /^(?:og|men|så)\s+/iu,
  subordinate: /^(?:at|fordi|da|hvis|selvom|når|som|der|mens|inden|efter at)\s/iu,
  clauseSplit: clauses("og|men"),
  // Danish verbs don't change with the person, so subjects can be shifted as well as possessives.
  shift: [
    shift("jeg", "du"),
    shift("mig", "dig"),
    shift("min", "din"),
    shift("mit", "dit"),
    shift("mine", "dine"),
    shift("vi", "I"),
    shift("os", "jer"),
    shift("vores", "jeres"),
    // The customer's "you" is the company.
    shift("du", "vi"),
    shift("dig", "os"),
    shift("din|dit|dine", "vores"),
    // Capital "I" (you, plural) can't be told from "I" (in) at the start of a sentence.
    shift("I", null, "g"),
    shift("jer", "os"),
    shift("jeres", "vores"),
  ],
  firstPerson: NEVER,
  duration: duration("i|efter|over|næsten|i over", "en|et|to|tre|fire|fem|seks|syv|otte|ni|ti|et par|flere", "minutter|timer|dage|dag|uger|uge|måneder|måned|år"),
  wait: ({ text }) => `at vente ${text} er virkelig frustrerende`,
  topics: [
    [words("pakke*|levering*|forsendelse*|fragt*|leveret|track*"), "med din levering"],
    [words("refusion*|tilbagebetal*|pengene tilbage|retur*"), "med din refusion"],
    [words("betaling*|trukket|kort*|opkræv*|betalt"), "med din betaling"],
    [words("faktura*|kvittering*"), "med din faktura"],
    [words("adgangskode*|kodeord*|login|logge ind|konto*|låst ude"), "med din konto"],
    [words("abonnement*"), "med dit abonnement"],
    [words("app|appen|hjemmeside*|fejl|fejlen"), "med appen"],
    [words("ordre*|bestilling*|bestilt*|vare|varen|varer|varerne|produkt*"), "med din ordre"],
  ],
  ack: {
    anger: {
      clause: ["{P} – det er jeg virkelig ked af", "{P}, og jeg forstår godt, at du er vred"],
      topic: ["Jeg er virkelig ked af problemerne {t}", "Jeg forstår godt, at du er vred over problemerne {t}"],
      generic: ["Det er jeg virkelig ked af, og jeg forstår godt, at du er vred", "Du har al mulig grund til at være utilfreds – det beklager jeg"],
    },
    frustration: {
      clause: ["{P} – det er jeg ked af", "{P}, og jeg kan godt forstå, at det er frustrerende"],
      topic: ["Jeg er ked af besværet {t}", "Jeg kan godt forstå, at problemerne {t} er frustrerende"],
      generic: ["Det er jeg ked af – jeg kan godt forstå, at det er frustrerende", "Jeg forstår godt, hvor frustrerende det må være"],
    },
    fear: {
      clause: ["{P} – jeg forstår godt, at det bekymrer dig"],
      topic: ["Jeg forstår godt, at problemet {t} bekymrer dig"],
      generic: ["Jeg forstår godt, at det er bekymrende – jeg hjælper dig med det med det samme", "Du skal ikke bekymre dig – vi finder ud af det sammen"],
    },
    sadness: {
      clause: ["{P} – det er jeg virkelig ked af at høre", "{P}, og det gør mig virkelig ondt"],
      topic: ["Jeg er virkelig ked af det, der er sket {t}"],
      generic: ["Det er jeg virkelig ked af at høre", "Jeg er ked af, at det har været så skuffende en oplevelse"],
    },
    joy: { clause: [], topic: [], generic: ["Tusind tak for de søde ord!", "Hvor er det dejligt at høre – tak fordi du skrev!"] },
  },
  apology: { topic: "Jeg beklager besværet {t}.", generic: "Jeg beklager ulejligheden." },
  restate: {
    clause: "Hvis jeg forstår dig rigtigt: {p}.",
    topic: "Hvis jeg forstår dig rigtigt, er der et problem {t}.",
    generic: "Lige for at være sikker på, at jeg har forstået det rigtigt: {q}",
  },
  lead: "Hvad kan jeg gøre for at løse det for dig?",
  email: { thanksTopic: "Tak for din besked om problemet {t}.", thanks: "Tak for din besked.", asked: "Du spørger: {q}", wrote: "Du skriver: {q}" },
  quote: ["»", "«"],
  resolved: "Godt nyt: din sag er nu løst. Hvis noget stadig ikke er i orden, så svar bare på denne besked.",
  ackCues: words("ondt|vred|utilfreds|ked af|beklager|undskyld|forstår|frustrerende|irriterende|ærgerligt|bekymr*|kan godt se|tak for din tålmodighed|gør mig ondt"),
  request: words("kan I|kan du|vil I|vil du|venligst|jeg vil gerne|jeg har brug for|hvordan|er det muligt|hjælp|hvornår"),
  tried: words("prøvet|prøvede|forsøgt|forsøgte|genstartet|genstartede|geninstalleret|geninstallerede|nulstillet|nulstillede|ryddet|opdateret|opdaterede"),
  promise: words(
    "jeg vil|jeg skal nok|vi vil|vi skal nok|jeg sender|vi sender|jeg vender tilbage|jeg undersøger|vi undersøger|senest|inden mandag|inden tirsdag|inden onsdag|inden torsdag|inden fredag|i morgen|jeg lover",
  ),
};
