import { clauses, duration, greeting, NEVER, shift, words } from "../regex";
import type { LanguagePack } from "../types";

/** After "seit"/"nach" the customer wrote a dative ("seit drei Tagen"); "drei Tage zu warten" needs the accusative. */
const accusative = (d: string) =>
  d
    .replace(/Tagen/g, "Tage")
    .replace(/Monaten/g, "Monate")
    .replace(/Jahren/g, "Jahre")
    .replace(/^einer\s+/i, "eine ")
    .replace(/^einem\s+/i, "einen ")
    .replace(/^mehreren\s+/i, "mehrere ");

export const de: LanguagePack = {
  code: "de",
  greeting: greeting("hallo|guten tag|guten morgen|guten abend|sehr geehrte damen und herren|sehr geehrte[^,]*|liebe[rs]? [^,]*|hi|servus|moin|grüß gott"),
  problem: words(
    "nicht|nie|niemals|immer noch|noch immer|noch nicht|wieder|schon wieder|kaputt|defekt|beschädigt|falsch*|fehlt|fehlen|verloren|verspätet|fehler*|doppelt|abgebucht|gesperrt|gehackt|enttäuscht|kein|keine|keinen|keiner|nichts",
  ),
  leadingConjunction: /^(?:und|aber|doch|denn|sondern|also)\s+/iu,
  subordinate: /^(?:dass|weil|ob|wenn|obwohl|als|nachdem|bevor|seitdem|damit|sodass|falls)\s/iu,
  clauseSplit: clauses("und|aber|doch|sondern"),
  // German verbs agree with their subject, so only possessives move; a clause with "ich" or "wir" is not reused.
  shift: [
    shift("mein", "Ihr"),
    shift("meine", "Ihre"),
    shift("meinen", "Ihren"),
    shift("meinem", "Ihrem"),
    shift("meiner", "Ihrer"),
    shift("meines", "Ihres"),
    shift("ich|mir|mich|wir|uns|unser*|euch|euer|eure*|du|dich|dir|dein*", null),
    shift("Sie|Ihnen", null, "g"),
  ],
  firstPerson: NEVER,
  duration: duration("seit|nach|über|fast|schon|seit über|seit fast", "ein|eine|einer|einem|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|ein paar|mehrere|mehreren", "Minuten|Stunden|Tagen|Tage|Tag|Wochen|Woche|Monaten|Monate|Monat|Jahren|Jahre|Jahr"),
  wait: ({ text }) => `${accusative(text)} zu warten ist wirklich ärgerlich`,
  topics: [
    [words("paket*|lieferung*|sendung*|zustell*|versand*|geliefert|liefern"), "mit Ihrer Lieferung"],
    [words("rückerstattung*|erstatt*|geld zurück|rücksendung*"), "mit Ihrer Rückerstattung"],
    [words("zahlung*|bezahlt|abgebucht|abbuchung*|kreditkarte|karte|belastet"), "mit Ihrer Zahlung"],
    [words("rechnung*|quittung*|beleg*"), "mit Ihrer Rechnung"],
    [words("passwort*|kennwort*|login|anmelden|anmeldung*|konto*|account*|gesperrt|einloggen"), "mit Ihrem Konto"],
    [words("abo|abos|abonnement*|vertrag*"), "mit Ihrem Abo"],
    [words("app|apps|webseite*|website*|fehler*|fehlermeldung*"), "mit der App"],
    [words("bestellung*|bestellt*|artikel*|produkt*|ware"), "mit Ihrer Bestellung"],
  ],
  ack: {
    anger: {
      clause: ["{P} – das tut mir wirklich leid", "{P}, und ich verstehe sehr gut, dass Sie verärgert sind"],
      topic: ["Es tut mir wirklich leid, dass es Probleme {t} gibt", "Ich verstehe sehr gut, dass Sie über die Probleme {t} verärgert sind"],
      generic: ["Das tut mir wirklich leid, und ich verstehe gut, dass Sie verärgert sind", "Ihr Ärger ist völlig berechtigt – das tut mir leid"],
    },
    frustration: {
      clause: ["{P} – das tut mir leid", "{P}, und ich kann gut verstehen, wie frustrierend das ist"],
      topic: ["Es tut mir leid, dass es Ärger {t} gibt", "Ich kann gut verstehen, dass die Probleme {t} frustrierend sind"],
      generic: ["Das tut mir leid – ich kann gut verstehen, wie frustrierend das ist", "Ich verstehe, wie ärgerlich das sein muss"],
    },
    fear: {
      clause: ["{P} – ich verstehe gut, dass Sie das beunruhigt"],
      topic: ["Ich verstehe gut, dass Sie das Problem {t} beunruhigt"],
      generic: ["Ich verstehe, dass Sie das beunruhigt – ich kümmere mich sofort darum", "Machen Sie sich keine Sorgen – wir klären das gemeinsam"],
    },
    sadness: {
      clause: ["{P} – das tut mir wirklich sehr leid"],
      topic: ["Es tut mir sehr leid, was {t} passiert ist"],
      generic: ["Das tut mir wirklich sehr leid zu hören", "Es tut mir leid, dass Sie so enttäuscht wurden"],
    },
    joy: { clause: [], topic: [], generic: ["Vielen herzlichen Dank für Ihre freundlichen Worte!", "Das freut mich sehr zu hören – danke für Ihre Nachricht!"] },
  },
  apology: { topic: "Bitte entschuldigen Sie die Unannehmlichkeiten {t}.", generic: "Bitte entschuldigen Sie die Unannehmlichkeiten." },
  restate: {
    clause: "Wenn ich Sie richtig verstehe: {p}.",
    topic: "Wenn ich Sie richtig verstehe, gibt es ein Problem {t}.",
    generic: "Damit ich sicher bin, dass ich Sie richtig verstanden habe: {q}",
  },
  lead: "Was kann ich tun, um das für Sie zu lösen?",
  email: { thanksTopic: "Vielen Dank für Ihre Nachricht zum Problem {t}.", thanks: "Vielen Dank für Ihre Nachricht.", asked: "Sie fragen: {q}", wrote: "Sie schreiben: {q}" },
  quote: ["„", "“"],
  resolved: "Gute Nachrichten: Ihr Anliegen ist jetzt erledigt. Falls noch etwas nicht stimmt, antworten Sie einfach auf diese Nachricht.",
  ackCues: words("tut mir * leid|tut mir * * leid|tut uns * leid|verärgert|beunruhigt|tut mir leid|tut uns leid|entschuldig*|bedauer*|verstehe|verstehen|ärgerlich|frustrierend|verständlich|sorge*|danke für ihre geduld|vielen dank für ihre geduld"),
  request: words("können sie|könnten sie|bitte|ich möchte|ich hätte gern*|ich brauche|wie kann ich|ist es möglich|helfen|wann"),
  tried: words("versucht|probiert|neu gestartet|neugestartet|neu installiert|neuinstalliert|zurückgesetzt|gelöscht|aktualisiert"),
  promise: words(
    "ich werde|wir werden|ich kümmere mich|ich melde mich|wir melden uns|ich schicke|wir schicken|bis montag|bis dienstag|bis mittwoch|bis donnerstag|bis freitag|bis morgen|bis ende der woche|spätestens|morgen|ich verspreche",
  ),
};
