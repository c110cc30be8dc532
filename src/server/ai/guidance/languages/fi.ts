import { clauses, duration, greeting, NEVER, shift, words } from "../regex";
import type { LanguagePack } from "../types";

export const fi: LanguagePack = {
  code: "fi",
  greeting: greeting("hei|moi|terve|hyvää päivää|hyvää huomenta|huomenta|hyvä [^,]*"),
  problem: words("ei|eivät|en|et|emme|ette|vieläkään|yhä|edelleen|taas|uudelleen|rikki|viallinen|vioittun*|väärä*|puuttuu|kadon*|myöhässä|viivästy*|virhe*|kahdesti|kahteen kertaan|lukittu|lukossa|hakkeroi*|pettyn*|mitään"),
  leadingConjunction: /^(?:ja|mutta|koska|että|joten|sillä)\s+/iu,
  clauseSplit: clauses("ja|mutta|koska"),
  rewrite: [
    [/^eikä\s+(\p{L}+)\s+/iu, "$1 ei "],
    [/^eivätkä\s+(\p{L}+)\s+/iu, "$1 eivät "],
  ],
  // Finnish marks the person on the verb and with possessive suffixes, so only third-person clauses are reused.
  shift: [
    shift(
      "minä|mä|minun|mun|minua|minulle|minulta|minulla|minusta|en|olen|olin|me|meidän|meille|meillä|me|te|teidän|teille|sinä|sinun|*ni|*mme|odotan|odotin|tilasin|maksoin|haluan|tarvitsen|yritin|sain|voin|pyydän|kysyn|laitoin|lähetin|soitin|kirjoitin|ostin",
      null,
    ),
  ],
  firstPerson: NEVER,
  duration: duration("jo|lähes|melkein|yli|jo yli|jo lähes", "yksi|kaksi|kolme|neljä|viisi|kuusi|seitsemän|kahdeksan|yhdeksän|kymmenen|muutama|pari|useita", "minuuttia|tuntia|päivää|viikkoa|kuukautta|vuotta"),
  wait: ({ text }) => `on todella turhauttavaa joutua odottamaan ${text}`,
  topics: [
    [words("paketti*|paketin|pakettia|toimitu*|lähetys*|lähetyksen|kuljet*"), "toimituksesi kanssa"],
    [words("hyvity*|palautu*|rahat takaisin|rahojen palautus"), "hyvityksesi kanssa"],
    [words("maksu*|veloit*|kortti*|kortilta|kortilla"), "maksusi kanssa"],
    [words("lasku*|kuitti*"), "laskusi kanssa"],
    [words("salasana*|kirjautu*|kirjaudu*|tili|tilin|tilille|tiliin|tunnu*"), "tilisi kanssa"],
    [words("kestotilaus*|jäsenyy*"), "kestotilauksesi kanssa"],
    [words("sovellu*|äppi*|verkkosivu*|virhe*"), "sovelluksen kanssa"],
    [words("tilau*|tilasin|tuote*|tuotteen"), "tilauksesi kanssa"],
  ],
  ack: {
    anger: {
      clause: ["Olen todella pahoillani, että {p}", "Ymmärrän hyvin, että olet harmissasi – {p}, eikä niin saisi käydä"],
      topic: ["Olen todella pahoillani ongelmista {t}", "Ymmärrän hyvin, että ongelmat {t} harmittavat"],
      generic: ["Olen todella pahoillani, ja ymmärrän hyvin, että olet harmissasi", "Sinulla on täysi syy olla tyytymätön – olen todella pahoillani"],
    },
    frustration: {
      clause: ["Olen pahoillani, että {p}", "Ymmärrän, kuinka turhauttavaa on, että {p}"],
      topic: ["Olen pahoillani ongelmista {t}", "Ymmärrän, kuinka turhauttavia ongelmat {t} ovat"],
      generic: ["Olen pahoillani vaivasta – ymmärrän, kuinka turhauttavaa tämä on", "Ymmärrän, kuinka ikävää tämän täytyy olla"],
    },
    fear: {
      clause: ["Ymmärrän huolesi siitä, että {p}"],
      topic: ["Ymmärrän, että ongelma {t} huolestuttaa sinua"],
      generic: ["Ymmärrän, että tämä huolestuttaa – autan sinua heti", "Älä huoli – selvitetään tämä yhdessä"],
    },
    sadness: {
      clause: ["Olen todella pahoillani, että {p}", "Ikävä kuulla, että {p}"],
      topic: ["Olen todella pahoillani siitä, mitä {t} tapahtui"],
      generic: ["Olen todella pahoillani kuullessani tämän", "Olen pahoillani, että jouduit pettymään"],
    },
    joy: { clause: [], topic: [], generic: ["Kiitos paljon ystävällisistä sanoistasi!", "Mukava kuulla – kiitos viestistäsi!"] },
  },
  apology: { topic: "Pahoittelen ongelmia {t}.", generic: "Pahoittelen aiheutunutta vaivaa." },
  restate: {
    clause: "Jos ymmärsin oikein, {p}.",
    topic: "Jos ymmärsin oikein, sinulla on ongelmia {t}.",
    generic: "Varmistan vielä, että ymmärsin oikein: {q}",
  },
  lead: "Mitä voin tehdä, jotta saamme tämän ratkaistua?",
  email: { thanksTopic: "Kiitos viestistäsi, joka koski ongelmia {t}.", thanks: "Kiitos viestistäsi.", asked: "Kysyit: {q}", wrote: "Kirjoitit: {q}" },
  quote: ["”", "”"],
  resolved: "Hyviä uutisia: asiasi on nyt ratkaistu. Jos jokin on vielä pielessä, vastaa vain tähän viestiin.",
  ackCues: words("pahoillani|pahoittel*|anteeksi|ymmärrän|ymmärrämme|turhauttava*|ikävä*|harmillis*|huoli*|kiitos kärsivällisyydestä"),
  request: words("voitteko|voisitteko|voitko|voisitko|haluaisin|haluan|tarvitsen|miten voin|onko mahdollista|apua|auta*|milloin"),
  tried: words("yritin|yrittänyt|kokeilin|kokeillut|käynnistin uudelleen|asensin uudelleen|nollasin|tyhjensin|päivitin"),
  promise: words("lupaan|tarkistan|lähetän|palaan asiaan|hoidan|selvitän|tarkistamme|lähetämme|maanantaihin mennessä|tiistaihin mennessä|keskiviikkoon mennessä|torstaihin mennessä|perjantaihin mennessä|huomenna"),
};
