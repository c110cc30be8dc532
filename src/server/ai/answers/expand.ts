import { conceptWords, conceptsOf } from "./lexicon";

/**
 * Query expansion: each question word with the other names of the concepts it names (lexicon.ts), in
 * every language. A name found through the lexicon counts a little less than the word typed.
 *
 * Customers describe symptoms ("it keeps taking money", "I moved out of my old flat") more often than they
 * name the topic: intent cues (below) add the topic's own word as an extra, lighter query word, and damp
 * words that on their own point at the wrong article (a bare "address", an appliance name).
 */
export type Alt = { word: string; weight: number };
export type QueryWord = { word: string; alts: Alt[] };

const SYNONYM_WEIGHT = 0.8;
/** A topic word inferred from a symptom counts less than one the customer typed. */
const INFERRED_WEIGHT = 0.85;

/**
 * A cue: when every group in `all` has a question word starting with one of its stems (and none of
 * `unless` does), the words in `add` join the query (as concept names, so in every language) and the
 * question words starting with a `damp` stem weigh `dampTo` of their weight.
 */
type Cue = { all: string[][]; unless?: string[]; add?: string[]; damp?: string[]; dampTo?: number };

/** Whitespace-separated stems (folded). */
const w = (text: string) => text.split(/\s+/).filter(Boolean);

const MONEY = w(`money penge geld pieniad pieniedz dinero argent pengar penger rahat penize peniaze kasa kasy belop belob betrag kwota
  importe montant bedrag castka`);
const PAYING = w(`pay paying charg taking take trak traek zahl abbuch abgebucht pobier placi placic cobr payer prelev betal dra
  drar trekk veloit maksa strh plati`);
const STOP_IT = w(`stop quit end ending stoppe stopp hold_op ophor aufhor aufhoren horen przesta przestal dejen dejar deje parar
  arret arreter sluta slutt slutte ophouden stoppen lopet prestat prestan`);
const SEND = w(`send sende sender schick zuruckschick senden odesl odsyl wysl mand envi devolv renvoy renvo skick stuur
  terugstu lahet posl poslat`);
const BACK = w(`back tilbage tilbake retur zuruck vuelta tillbaka terug takaisin zpet spat powrot`);
const FIT = w(`fit fits passer passt pasuj pasuja queda quedan quedo va passar past sovi nesedi nesadn`);
const MOVING = w(`place moved moving move flat apartment relocat flyttet flytter flytte lejlighed bolig umgezogen umzug umziehen
  wohnung wohne przeprowadz mieszkan mudado mudanz mude piso casa demenag appartement flyttat flyttade lagenhet
  verhuisd verhuis leilighet muutin muutto asunto prestehoval byt prestahoval`);
const EMAIL = w(`email mail correo courriel sahkoposti emailadress mailadress`);
const BROKEN = w(`stopped stops working work works dead virker fungerer funktioniert funktionier geht dziala dzialac funciona
  fonctionne marche fungerar funkar werkt doet toimi nefunguje funguje`);
const ELAPSED = w(`month months year years maned maneder ar monat monate monaten jahr jahre miesiac miesiace miesiecy rok roku
  lat mes meses ano mois an ans manad manader maand maanden jaar kuukau vuosi vuoden mesic mesicu mesiac`);
const APPLIANCE = w(`kettle coffee toaster machine elkedel kedel kaffe wasserkoch kaffeemas czajnik ekspres toster hervidor
  cafetera bouilloir cafetier grille vattenkok kaffebryg waterkok koffiez vannkok kaffetrak vedenkeit kahvinkei
  konvic kanvic kavovar toustov hriankov`);
const DESCALE = w(`descal scale limesc calc kalk clean rengor reinig czysc odkam limpi nettoy rengor schoon puhdis vinegar eddike
  essig ocet vinagre vinaigre cal sarro tartre`);
const DATA = w(`data stored oplysning daten dane danych datos donnees uppgift gegevens tiedot tietoj udaje udajov personal personlig
  personen osobow personal gdpr privacy`);
const ERASE = w(`delete remove erase wipe entfern slet slette losch usun borr elimin supprim efface radera verwijder poista smaz zmaz close
  luk schliess zamkn cerrar ferm stang sluit sulje`);
const WORTH = w(`worth difference forskel unterschied roznic diferenc skillnad verschil forskjell merece expensive extra benefit benefits include includes dyr dyre vaerd teur teure lohnt lohnen vorteil drozs
  drogi oplaca oplacal oplac vale caro incluy cher vaut avantag dyrare vard duur waard kallis kannatta drahy
  vyplat oplati`);
const DAYS = w(`days dage tage dni dias jours dagar dagen dager paivaa dnu long lang lange dlugo tarda tarde tardan dauer
  tager tar duurt kestaa trva`);
const COST = w(`cost costs price koster kostet kosten kosztuje koszt cuesta cuanto coute prix kostar kost maksaa stoji stoja
  pris`);
const SHIP = [
  ...SEND,
  ...w(
    `ship shipping deliver delivery lever versand versend liefer wysyl dostaw envio entreg livr expedi frakt leverans verzend bezorg toimit doprav doruc post porto`,
  ),
];
const FORGOT = w(`forgot forget glemt glemte vergess zapomn olvid oubli glomt glomde vergeten unohd zabud recuerd pamieta
  remember husk erinner`);
const RETURNED = w(`return retur zwrot zwroc devol retour palaut vrat`);
const CODE_WORD_ = w(`code kode koden kod kodu codigo koodi`);
const CODE_WORD = w(`code kode koden kod kodu codigo clave koodi`);
const NOT_APPLIANCE = [
  ...CODE_WORD_,
  ...w(`discount rabat gutschein kupon descuento cupon app password passwort adgangskod haslo contrasen login link`),
];

/** A code that takes money off: a promo code or voucher, one from a newsletter. */
const DISCOUNT_HINT = w(`discount promo voucher coupon newsletter rabat rabatt gutschein kupon descuento cupon promocion korting alennus
  sleva zlava nyhedsbrev biuletyn boletin reduction nyhetsbrev nieuwsbrief uutiskirje`);

const CUES: Cue[] = [
  // "forgot to type in my promo code": the discount, not the password.
  { all: [DISCOUNT_HINT], add: ["discount"], damp: FORGOT, dampTo: 0.4 },
  // "make it stop taking money", "dejen de cobrarme": stopping a recurring payment is cancelling.
  { all: [STOP_IT, [...PAYING, ...MONEY]], add: ["cancel", "membership"], damp: [...PAYING, ...MONEY], dampTo: 0.4 },
  {
    all: [
      ["every", "monthly", "hver", "jeden", "jede", "monatlich", "co", "cada", "chaque", "varje", "elke", "joka"],
      [...PAYING, ...MONEY],
    ],
    add: ["membership"],
  },
  // "is the expensive plan worth it": what the plans give, not how to leave one.
  { all: [WORTH], add: ["premium", "plus"] },
  // "how do I send it back", "doesn't fit": a return — unless it is about the money of one.
  { all: [SEND, BACK], unless: MONEY, add: ["return"], damp: [...SEND, ...BACK], dampTo: 0.5 },
  { all: [FIT], unless: MONEY, add: ["return"] },
  // "a jacket I don't want anymore": sending it back.
  { all: [w("anymore unwanted")], unless: [...MONEY, ...DATA, "account", "profil", "konto"], add: ["return"] },
  // "money still not on my card after returning": the refund's timing.
  {
    all: [
      MONEY,
      [
        ...BACK,
        ...SEND,
        "return",
        "retur",
        "zwrot",
        "devol",
        "returned",
        "still",
        "stadig",
        "noch",
        "dalej",
        "jeszcze",
        "todavia",
        "aun",
        "toujours",
        "fortfarande",
        "nog",
        "fortsatt",
        "vielakaan",
        "stale",
      ],
    ],
    add: ["refund"],
    damp: [...SEND, ...RETURNED],
    dampTo: 0.5,
  },
  // "I moved out of my old flat": the delivery address, not the email address.
  {
    all: [MOVING],
    unless: EMAIL,
    add: ["delivery", "redirect"],
    damp: w("address adress adres direcc osoit new ny neu neue nowy nowe nuevo nueva nouveau nouvelle nieuw uusi novy nova"),
    dampTo: 0.6,
  },
  // "my kettle stopped working after 14 months": warranty; the appliance's name alone points at descaling.
  { all: [BROKEN], unless: [...DESCALE, ...NOT_APPLIANCE], add: ["warranty", "repair"], damp: APPLIANCE, dampTo: 0.5 },
  { all: [ELAPSED, APPLIANCE], unless: DESCALE, add: ["warranty"], damp: APPLIANCE, dampTo: 0.5 },
  // "remove all my personal data", "I no longer want an account".
  { all: [DATA, ERASE], add: ["delete", "account"] },
  { all: [DATA], add: ["delete"] },
  // "what does it cost to send to Aarhus, how many days".
  { all: [COST, SHIP], add: ["shipping"] },
  { all: [DAYS, SHIP], add: ["shipping"] },
  // "forgot the code" for signing in is the password, not a discount code.
  {
    all: [FORGOT, CODE_WORD],
    unless: DISCOUNT_HINT,
    add: ["password"],
    damp: CODE_WORD,
    dampTo: 0.3,
  },
];

/** Words that name several articles' topics at once ("order", "address"): they count a little less. */
const GENERIC = new Map<string, number>([
  ...w("order orders ordre ordren bestilling bestellung zamowienie pedido commande").map((x) => [x, 0.8] as const),
  ...w("account konto cuenta compte").map((x) => [x, 0.85] as const),
  // A parcel is in most shipping articles; "where is my parcel" is about tracking it, not about it being lost.
  ...w("parcel package pakke pakken paket paketet pakket pakje paczka paczke paquete colis paketti zasilka balik zasielka").map(
    (x) => [x, 0.8] as const,
  ),
]);

const hasStem = (words: string[], stems: string[]) => words.some((w) => stems.some((s) => (s.length >= 4 ? w.startsWith(s) : w === s)));

export function expandQuery(words: string[]): QueryWord[] {
  const damp = new Map<string, number>();
  const extra: string[] = [];
  for (const cue of CUES) {
    if (!cue.all.every((g) => hasStem(words, g))) continue;
    if (cue.unless && hasStem(words, cue.unless)) continue;
    for (const a of cue.add ?? []) if (!words.includes(a) && !extra.includes(a)) extra.push(a);
    for (const w of words) if (cue.damp && hasStem([w], cue.damp)) damp.set(w, Math.min(damp.get(w) ?? 1, cue.dampTo ?? 1));
  }
  const out = words.map((word) => expandWord(word, Math.min(damp.get(word) ?? 1, GENERIC.get(word) ?? 1)));
  return [...out, ...extra.map((w) => expandWord(w, INFERRED_WEIGHT))];
}

function expandWord(word: string, weight: number): QueryWord {
  const alts = new Map<string, number>([[word, weight]]);
  for (const c of conceptsOf(word)) for (const w of conceptWords(c)) if (!alts.has(w)) alts.set(w, SYNONYM_WEIGHT * weight);
  return { word, alts: [...alts].map(([w, weight]) => ({ word: w, weight })) };
}
