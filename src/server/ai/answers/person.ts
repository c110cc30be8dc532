import { fold } from "./text";

/**
 * "Let me talk to a person" in the supported languages (folded), a backstop to the analyser's wantsHuman
 * for the phrasings a customer uses to leave a bot: a person, a human, an agent, someone real.
 */
const PERSON = [
  // en
  /\b(talk|speak|chat|connect|transfer)\b.{0,25}\b(human|person|someone real|real person|agent|representative|operator|somebody|staff|employee)\b/,
  /\b(human|real person|live agent|actual person|real human)\b(?!\s+(resources|rights))/,
  // da, no
  /\b(tale|snakke|chatte)\b.{0,25}\b(menneske|person|medarbejder|rigtig|ekte|kundeservice|nogen|noen)\b/,
  /\b(et menneske|et ekte menneske|et rigtigt menneske|en medarbejder|en rigtig person|en ekte person)\b/,
  // sv
  /\b(prata|tala)\b.{0,25}\b(manniska|person|handlaggare|nagon)\b/,
  // de
  /\b(sprechen|reden|verbinden|chatten)\b.{0,30}\b(mensch|menschen|mitarbeiter|mitarbeiterin|person|jemandem|berater)\b/,
  /\b(mit einem menschen|echten menschen|echte person|mit einem mitarbeiter)\b/,
  // nl
  /\b(praten|spreken)\b.{0,25}\b(mens|medewerker|persoon|iemand)\b/,
  /\bmet (een )?(echte? )?(mens|medewerker|persoon)\b/,
  // pl
  /\b(rozmawiac|porozmawiac|polacz|polaczyc|pogadac)\b.{0,30}\b(czlowiekiem|czlowiek|konsultantem|konsultant|osoba|pracownikiem|kims)\b/,
  /\b(z czlowiekiem|z konsultantem|z prawdziwa osoba|z zywym czlowiekiem)\b/,
  // cs, sk
  /\b(mluvit|hovorit|spojit|spojte)\b.{0,30}\b(clovekem|clovekom|clovek|operatorem|operator|pracovnikom|pracovnikem|osobou|niekym|nekym)\b/,
  // es
  /\b(hablar|habla|pasar|comunicar)\b.{0,30}\b(humano|persona|agente|alguien|asesor|operador)\b/,
  // fr
  /\b(parler|discuter|passer)\b.{0,30}\b(humain|personne|conseiller|quelqu'?un|agent|operateur)\b/,
  // fi
  /\b(ihmisen|ihmiselle|asiakaspalvelijan|asiakaspalvelijalle|henkilon|henkilolle)\b/,
];

export function asksForPerson(text: string): boolean {
  const t = fold(text).replace(/\s+/g, " ");
  return PERSON.some((re) => re.test(t));
}
