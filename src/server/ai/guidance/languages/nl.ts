import { clauses, duration, greeting, NEVER, shift, words } from "../regex";
import type { LanguagePack } from "../types";

export const nl: LanguagePack = {
  code: "nl",
  greeting: greeting("hallo|hoi|beste [^,]*|geachte [^,]*|goedemorgen|goedemiddag|goedenavond|dag"),
  problem: words("niet|nooit|nog steeds|nog altijd|nog niet|weer|opnieuw|kapot|beschadigd|verkeerd*|ontbreekt|kwijt|vertraagd|fout*|dubbel|afgeschreven|geblokkeerd|gehackt|teleurgesteld|geen|niets|niks"),
  leadingConjunction: /^(?:en|maar|want|dus)\s+/iu,
  subordinate: /^(?:dat|omdat|of|als|hoewel|toen|nadat|voordat|sinds|terwijl|die|zodat|wanneer)\s/iu,
  clauseSplit: clauses("en|maar|want"),
  // Dutch verbs agree with their subject, so only possessives and object pronouns move.
  shift: [
    shift("mijn|m'n|m’n", "uw"),
    shift("mij|me", "u"),
    shift("ik|wij|we|ons|onze|jij|je|jou|jouw|jullie", null),
  ],
  firstPerson: NEVER,
  duration: duration("na|al|bijna|ruim|sinds|meer dan|al bijna|al ruim", "een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|een paar|enkele", "minuten|uur|uren|dagen|dag|weken|week|maanden|maand|jaar"),
  wait: ({ text }) => `${text} wachten is echt frustrerend`,
  topics: [
    [words("pakket*|pakje|levering*|bezorg*|zending*|geleverd"), "met uw levering"],
    [words("terugbetaling*|geld terug|retour*"), "met uw terugbetaling"],
    [words("betaling*|afgeschreven|kaart|betaald|creditcard"), "met uw betaling"],
    [words("factuur|facturen|bon|bonnetje"), "met uw factuur"],
    [words("wachtwoord*|inloggen|login|account*|geblokkeerd"), "met uw account"],
    [words("abonnement*"), "met uw abonnement"],
    [words("app|website*|foutmelding*|fout"), "met de app"],
    [words("bestelling*|besteld*|artikel*|product*"), "met uw bestelling"],
  ],
  ack: {
    anger: {
      clause: ["{P} – dat spijt me echt", "{P}, en ik begrijp heel goed dat u boos bent"],
      topic: ["Het spijt me echt dat er problemen zijn {t}", "Ik begrijp heel goed dat u boos bent over de problemen {t}"],
      generic: ["Dat spijt me echt, en ik begrijp goed dat u boos bent", "U heeft alle reden om ontevreden te zijn – dat spijt me"],
    },
    frustration: {
      clause: ["{P} – dat spijt me", "{P}, en ik begrijp hoe frustrerend dat is"],
      topic: ["Het spijt me van het gedoe {t}", "Ik begrijp dat de problemen {t} frustrerend zijn"],
      generic: ["Dat spijt me – ik begrijp hoe frustrerend dit is", "Ik begrijp hoe vervelend dit moet zijn"],
    },
    fear: {
      clause: ["{P} – ik begrijp goed dat u zich daar zorgen over maakt"],
      topic: ["Ik begrijp goed dat u zich zorgen maakt over het probleem {t}"],
      generic: ["Ik begrijp dat dit zorgen geeft – ik help u er meteen mee", "Maakt u zich geen zorgen – we lossen dit samen op"],
    },
    sadness: {
      clause: ["{P} – wat naar om te horen, dat spijt me echt"],
      topic: ["Het spijt me echt wat er is gebeurd {t}"],
      generic: ["Wat vervelend om te horen, dat spijt me echt", "Het spijt me dat dit zo'n teleurstellende ervaring is geweest"],
    },
    joy: { clause: [], topic: [], generic: ["Hartelijk dank voor uw vriendelijke woorden!", "Wat fijn om te horen – bedankt voor uw bericht!"] },
  },
  apology: { topic: "Mijn excuses voor het ongemak {t}.", generic: "Mijn excuses voor het ongemak." },
  restate: {
    clause: "Als ik het goed begrijp: {p}.",
    topic: "Als ik het goed begrijp, is er een probleem {t}.",
    generic: "Even om zeker te weten dat ik het goed begrijp: {q}",
  },
  lead: "Wat kan ik doen om dit voor u op te lossen?",
  email: { thanksTopic: "Hartelijk dank voor uw bericht over het probleem {t}.", thanks: "Hartelijk dank voor uw bericht.", asked: "U vraagt: {q}", wrote: "U schrijft: {q}" },
  quote: ["‘", "’"],
  resolved: "Goed nieuws: uw vraag is nu afgehandeld. Klopt er nog iets niet? Beantwoord dan gewoon dit bericht.",
  ackCues: words("spijt|sorry|excuses|excuus|begrijp|begrijpen|vervelend|frustrerend|zorgen|bedankt voor uw geduld|dank voor uw geduld"),
  request: words("kunt u|kunnen jullie|zou u|graag|ik wil|ik zou graag|ik heb nodig|hoe kan ik|is het mogelijk|help|wanneer"),
  tried: words("geprobeerd|opnieuw opgestart|herstart|opnieuw geïnstalleerd|geherinstalleerd|gereset|gewist|bijgewerkt"),
  promise: words("ik zal|wij zullen|we zullen|ik ga|ik stuur|we sturen|wij sturen|ik kom erop terug|uiterlijk|voor maandag|voor dinsdag|voor woensdag|voor donderdag|voor vrijdag|morgen|ik beloof"),
};
