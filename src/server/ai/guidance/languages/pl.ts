import { clauses, duration, greeting, shift, words } from "../regex";
import type { LanguagePack } from "../types";

const GENITIVE_NUMBERS = words("dwóch|trzech|czterech|pięciu|sześciu|siedmiu|ośmiu|dziewięciu|dziesięciu|kilku|kilkunastu");

export const pl: LanguagePack = {
  code: "pl",
  greeting: greeting("dzień dobry|dobry wieczór|witam|witam serdecznie|witajcie|cześć|hej|szanowni państwo|szanowny panie|szanowna pani|halo"),
  problem: words(
    "nie|nigdy|nadal|wciąż|dalej nie|znowu|ponownie|zepsut*|uszkodzon*|brak*|zgubi*|zaginęł*|zaginął|opóźni*|błąd|błędem|błędu|awari*|zablokowan*|dwukrotnie|podwójnie|włama*|żadn*|reklamacj*",
  ),
  leadingConjunction: /^(?:i|a|ale|więc|bo|że|ponieważ|oraz|no|a także)\s+/iu,
  clauseSplit: clauses("i|a|ale|więc|bo|ponieważ"),
  shift: [
    shift("mój|moja|moje|mojego|mojej|mojemu|moim|moją|moich|moimi", "Pana/Pani"),
    shift("nasz|nasza|nasze|naszego|naszej|naszemu|naszym|naszą|naszych|naszymi", "Państwa"),
    shift("mi", "Panu/Pani"),
    shift("mnie", "Pana/Pani"),
    // The customer's "your" is the company's.
    shift("wasz", "nasz"),
    shift("wasza", "nasza"),
    shift("wasze", "nasze"),
    shift("waszego", "naszego"),
    shift("waszej", "naszej"),
    shift("waszym", "naszym"),
    shift("waszą", "naszą"),
    shift("waszych", "naszych"),
    shift("ja|my|wy|nam|nas|wam|was|jestem|jesteśmy|jesteście|mam|mamy|macie|czekam|czekamy|chcę|chcemy|muszę|mogę|nie mogę|wiem|proszę|potrzebuję|dostaję|otrzymuję|płacę|piszę|zamawiam|kupiłem|*łem|*łam|*liśmy|*łyśmy|*liście|*łyście|*łbym|*łabym", null),
  ],
  firstPerson: /(?!)/,
  duration: duration("od|już od|przez|ponad", "dwa|dwie|trzy|cztery|pięć|sześć|siedem|osiem|dziewięć|dziesięć|kilka|kilkanaście|dwóch|trzech|czterech|pięciu|sześciu|siedmiu|ośmiu|dziewięciu|dziesięciu|kilku|kilkunastu", "dni|tygodnie|tygodni|miesiące|miesięcy|godziny|godzin|lata|lat"),
  wait: ({ text, prefix }) => {
    const p = prefix?.toLowerCase().replace(/\s+/g, " ");
    if (p === "od" || p === "już od" || GENITIVE_NUMBERS.test(text)) return `czekanie od ${text} jest naprawdę frustrujące`;
    return `${text} czekania to naprawdę długo`;
  },
  topics: [
    [words("paczk*|przesyłk*|dostaw*|kurier*|doręcz*|śledzeni*|nie dotarł*|nie doszł*"), "z przesyłką"],
    [words("zwrot*|zwróc*|refundacj*|pieniądze"), "ze zwrotem pieniędzy"],
    [words("płatnoś*|zapłac*|obciąż*|kart*|pobran*|pobral*|przelew*"), "z płatnością"],
    [words("faktur*|rachun*|paragon*"), "z fakturą"],
    [words("hasł*|logowa*|zalogow*|konto|konta|koncie|kontem|zablokowan*"), "z kontem"],
    [words("subskrypcj*|abonament*"), "z subskrypcją"],
    [words("aplikacj*"), "z aplikacją"],
    [words("strona|strony|stronie|stronę|stroną|witryn*|błąd|błędem|błędu"), "ze stroną internetową"],
    [words("zamówi*|zamawia*|produkt*|towar*"), "z zamówieniem"],
  ],
  ack: {
    anger: {
      clause: ["Bardzo mi przykro, że {p}", "Doskonale rozumiem Pana/Pani zdenerwowanie – {p}, a tak nie powinno być"],
      topic: ["Bardzo przepraszam za kłopoty {t}", "Doskonale rozumiem Pana/Pani zdenerwowanie problemami {t}"],
      generic: ["Bardzo mi przykro i w pełni rozumiem Pana/Pani zdenerwowanie", "Przepraszam, że tak się stało – rozumiem, że to bardzo irytujące"],
    },
    frustration: {
      clause: ["Przykro mi, że {p}", "Rozumiem, jak frustrujące jest to, że {p}"],
      topic: ["Przykro mi z powodu kłopotów {t}", "Rozumiem, jak frustrujące są problemy {t}"],
      generic: ["Przepraszam za kłopot – rozumiem, jak bardzo to frustrujące", "Rozumiem, że to musi być frustrujące"],
    },
    fear: {
      clause: ["Rozumiem obawę, że {p}", "To zrozumiałe, że niepokoi Pana/Panią to, że {p}"],
      topic: ["Rozumiem Pana/Pani niepokój w związku z problemem {t}"],
      generic: ["Rozumiem Pana/Pani niepokój – zajmę się tym od razu", "Proszę się nie martwić – razem to wyjaśnimy"],
    },
    sadness: {
      clause: ["Bardzo mi przykro, że {p}", "Naprawdę przykro mi słyszeć, że {p}"],
      topic: ["Bardzo mi przykro z powodu tego, co stało się {t}"],
      generic: ["Bardzo mi przykro to słyszeć", "Przykro mi, że spotkało Pana/Panią takie rozczarowanie"],
    },
    joy: { clause: [], topic: [], generic: ["Bardzo dziękuję za miłe słowa!", "Bardzo się cieszę – dziękuję za wiadomość!"] },
  },
  apology: { topic: "Przepraszam za kłopoty {t}.", generic: "Przepraszam za wszelkie niedogodności." },
  restate: {
    clause: "Jeśli dobrze rozumiem, {p}.",
    topic: "Jeśli dobrze rozumiem, jest problem {t}.",
    generic: "Chcę się upewnić, że dobrze rozumiem: {q}",
  },
  lead: "Co mogę zrobić, żeby to dla Pana/Pani rozwiązać?",
  email: { thanksTopic: "Dziękuję za wiadomość w sprawie problemu {t}.", thanks: "Dziękuję za wiadomość.", asked: "Pyta Pan/Pani: {q}", wrote: "Pisze Pan/Pani: {q}" },
  quote: ["„", "”"],
  resolved: "Dobra wiadomość: zgłoszona sprawa została rozwiązana. Jeśli coś jest jeszcze nie tak, proszę po prostu odpowiedzieć na tę wiadomość.",
  ackCues: words("niepokoi*|zrozumiał*|rozczarowani*|przykro|przepraszam|przepraszamy|rozumiem|rozumiemy|frustrując*|irytując*|zdenerwowani*|niepokój|obaw*|współczuj*|dziękuję za cierpliwość|dziękujemy za cierpliwość"),
  request: words("czy mo*|czy da się|proszę o|proszę|chcę|chciał*bym|chcielibyśmy|potrzebuję|jak mogę|pomóc|pomoc*|kiedy"),
  tried: words("próbował*|spróbował*|zrestartował*|uruchomił* ponownie|zainstalował* ponownie|przeinstalował*|wyczyścił*|zresetował*|zaktualizował*|dzwonił*"),
  promise: words(
    "sprawdzę|zajmę się|oddzwonię|odezwę się|wyślę|zwrócę|przekażę|dopilnuję|obiecuję|sprawdzimy|wyślemy|zwrócimy|zajmiemy się|odezwiemy się|do poniedziałku|do wtorku|do środy|do czwartku|do piątku|do jutra|do końca tygodnia|jutro",
  ),
};
