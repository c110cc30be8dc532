/**
 * Words as retrieval sees them: folded (lower case, no diacritics, since customers often type "haslo" for
 * "hasło"), function words dropped, and matched by prefix (the first 4 or 5 letters) so inflected and
 * compounded forms meet ("paczka"/"paczki", "refund"/"refunded", "Rücksendung"/"Rücksendeetikett") without
 * a stemmer per language.
 */

const FOLD_EXTRA: Record<string, string> = { ł: "l", ø: "o", æ: "ae", ß: "ss", đ: "d", þ: "th", œ: "oe", ı: "i" };
// Zero-width and bidi controls hide inside words ("pass\u200bword"); they never separate words.
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]|\u034f/g;

export const stripInvisible = (text: string) => text.replace(INVISIBLE, "");
const WORD = /[\p{L}\p{N}]+/gu;

export function fold(text: string): string {
  return text
    .replace(INVISIBLE, "")
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[łøæßđþœı]/g, (c) => FOLD_EXTRA[c] ?? c);
}

/** Function words and greetings in the supported languages (folded): they say nothing about the topic. */
const STOP = new Set(
  `
a an the and or but if of to in on at by for from with without about into over under as is are was were be been being am
do does did done doing have has had having i me my mine we us our you your yours he she it its they them their this that these
those there here what which who whom whose when where why how can could would should will shall may might must not no yes
so than then too very just also any some all each every more most other such only own same again once up down out off
get got hi hello hey dear please thanks thank pls plz regards best ok okay im ive id dont cant wont didnt doesnt isnt
want need know tell help don doesn didn isn wasn aren won haven hasn couldn wouldn shouldn ll ve re question anyone someone something anything one way able still already now today yet let
og i at er det en et den de til af pa med for som har jeg du vi han hun man ikke kan skal vil min mit mine din dit dine
vores jeres sig sin sit sine hvad hvordan hvorfor hvornar hvor hvilken hvilke der her fra om op ud ind nar eller men sa
hej hallo tak venlig hilsen mvh godt gerne lige bare ogsa meget mere nogen noget blive bliver blev var vaere have havde
mig dig os jer dem
der die das den dem des ein eine einen einem einer eines und oder aber nicht kein keine ist sind war waren bin bist sein
habe hast hat haben hatte ich du er sie es wir ihr mein meine meinen meinem meiner dein deine ihre ihren ihrem unser
wie was warum wann wo welche welcher welches wer zu zum zur im am vom von mit fur auf aus bei nach uber unter an in
kann konnen muss mussen soll sollte wurde werden wird hallo guten tag danke bitte gruss grusse mfg liebe lieber sehr
noch schon auch nur so da dass ob wenn mir mich dir dich uns euch ihnen man etwas jemand
i w z na do ze sie nie jest sa byl byla bylo to ten ta te tego tej jak co czy gdzie kiedy dlaczego ktory ktora ktore
moj moja moje mojego mojej mnie mi ja ty on ona my wy oni ale albo lub oraz a o od po przez dla pod nad przy juz jeszcze
tez tylko bardzo mam ma masz macie mamy moge mozna musze chce chcialbym chcialabym prosze dziekuje dzien dobry witam
czesc pozdrawiam jakie jaki jaka jest sie mi swoj swoja swoje
el la los las un una unos unas y o pero no es son fue era ser estar esta estan de del al a en con sin por para sobre
que como cuando donde cual quien porque mi mis tu tus su sus nuestro me te se nos le les lo yo hola buenos dias gracias
por favor saludos puedo puede quiero quisiera necesito hay muy mas ya tambien
le les un une des et ou mais ne pas est sont etait etre avoir ai as avons de du au aux en dans sur pour par avec sans
que qui quoi comment quand ou pourquoi quel quelle quels quelles mon ma mes ton ta tes son sa ses notre nos votre vos je
tu il elle nous vous ils elles me moi se ce cette ces bonjour salut merci svp sil plait cordialement peux puis veux
voudrais dois faut tres plus deja aussi
och att det som en ett den de jag du vi han hon ni inte kan ska vill min mitt mina din ditt dina var vart hur varfor nar
vilken vilka har fran om pa med for till av ar eller men sa hej tack vanliga halsningar mvh ocksa mycket mig dig oss
en het de een en of maar niet geen is zijn was waren ik jij je hij zij wij we mijn mij me jouw uw ons onze wat hoe waarom
wanneer waar welke wie van in op aan met voor naar bij uit over om te dat die dit deze kan kunnen moet wil zou hallo hoi
dank bedankt groeten alvast graag ook zeer
og i a er det en et den de til av pa med for som har jeg du vi han hun ikke kan skal vil min mitt mine din ditt dine var
vart hvordan hvorfor nar hvor hvilken hvilke der her fra om eller men sa hei takk hilsen mvh ogsa veldig meg deg oss dem
ja tai mutta ei on ovat oli olla mina sina han me te he minun sinun meidan miten miksi milloin missa mika mita kuka etta
kun jos tama tuo se niin myos hei moi kiitos terveisin voi voiko voinko haluan pitaa
a i v ve na s se z za do od po pro pri o k ke je jsou byl byla bylo jsem jsi jsme jste ja ty on ona my vy oni muj moje
moji meho me mi mne tvuj jak co proc kdy kde ktery ktera ktere ale nebo ani uz jeste take jen velmi dobry den dekuji
prosim ahoj zdravim chci potrebuji muzu mohu muzete
som sa si je su bol bola bolo som moj moja moje mojho mi mna ako co preco kedy kde ktory ktora ktore alebo aj uz este
len velmi dobry den dakujem prosim ahoj chcem potrebujem mozem mozete
`
    .split(/\s+/)
    .filter(Boolean),
);

export type Term = { word: string; p5: string; p4: string };

/** A phrase ("money_back") is matched whole, never by prefix. */
export function termOf(word: string): Term {
  if (word.includes("_")) return { word, p5: word, p4: word };
  return { word, p5: word.length > 5 ? word.slice(0, 5) : word, p4: word.length > 4 ? word.slice(0, 4) : word };
}

/** All words of a text, folded, in order (for counting in documents). */
export function wordsIn(text: string, max = 100_000): string[] {
  const out: string[] = [];
  for (const m of fold(text).matchAll(WORD)) {
    const w = m[0];
    if (w.length > 40) continue;
    out.push(w);
    if (out.length >= max) break;
  }
  return out;
}

/**
 * The content words of a text: no function words, no one-letter words, numbers kept only when they look
 * like codes. `joined` says which runs of two or three words written together are one word ("log in").
 */
export function contentWords(text: string, max = 64, joined?: (w: string) => boolean): string[] {
  const seen = new Set<string>();
  const words = wordsIn(text, max * 4);
  const merged: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const three = i + 2 < words.length ? `${words[i]}_${words[i + 1]}_${words[i + 2]}` : null;
    const two = i + 1 < words.length ? `${words[i]}_${words[i + 1]}` : null;
    if (joined && three && joined(three)) {
      merged.push(three);
      i += 2;
    } else if (joined && two && joined(two)) {
      merged.push(two);
      i += 1;
    } else merged.push(words[i]);
  }
  for (const w of merged) {
    if (w.length < 2 || STOP.has(w)) continue;
    if (/^\d+$/.test(w) && w.length < 3) continue;
    seen.add(w);
    if (seen.size >= max) break;
  }
  return [...seen];
}

export const isStopWord = (w: string) => STOP.has(w);
