/** How mail clients introduce quoted history, in the languages customers write in. */

// "On <date>, <name> wrote:" and its translations; the verb closes the header, a colon ends it.
const WROTE_VERBS = [
  "wrote",
  "writes",
  "schrieb",
  "a écrit",
  "escribió",
  "escribio",
  "ha scritto",
  "schreef",
  "napisał",
  "napisała",
  "napisał\\(a\\)",
  "skrev",
  "kirjoitti",
  "napsal",
  "napsala",
  "napsal\\(a\\)",
  "napísal",
  "napísala",
  "napísal\\(a\\)",
  "escreveu",
  "написал",
  "написала",
  "napisao",
  "írta",
  "a scris",
  "yazdı",
  "έγραψε",
].join("|");
// Lookarounds instead of \b: \b only knows ASCII letters, and "написал" is not ASCII.
const WROTE = new RegExp(`(^|[\\s,])(${WROTE_VERBS})(?=[\\s:,-]|$)`, "iu");
const WROTE_AT_END = new RegExp(`(${WROTE_VERBS})\\s*:?\\s*-*\\s*$`, "iu");
const HEADER_START = /^(-*\s*)(On|Am|Le|El|Il|Op|W dniu|Dnia|Den|Dne|Dňa|Em|På|Pe|Kl\.|Der)\b/i;
/** "30.09.2017, 18:30, "Name" <a@b.c>:" (no verb at all, as some clients write it). */
const DATED_ADDRESS = /\d.{0,200}(<[^<>\s]+@[^<>\s]+>|\S+@\S+\.\w+)\s*:\s*$/;

/** A reply header on one line, or on two or three lines a client wrapped. */
export function isReplyHeader(joined: string): boolean {
  const s = joined.replace(/\s+/g, " ").trim();
  if (s.length > 400) return false;
  if (DATED_ADDRESS.test(s)) return true;
  if (!WROTE.test(s)) return false;
  const hasDetail = /\d/.test(s) || /[<@]/.test(s);
  // "On … wrote:" / "Am … schrieb Name:" end with a colon; some clients drop it ("wrote ----").
  if (s.endsWith(":")) return HEADER_START.test(s) ? true : hasDetail && WROTE_AT_END.test(s);
  return HEADER_START.test(s) && hasDetail && WROTE_AT_END.test(s);
}

export const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Original-Nachricht|Message d'origine|Mensaje original|Messaggio originale|Oorspronkelijk bericht|Oryginalna wiadomość|Wiadomość oryginalna|Original meddelelse|Originalmeddelande|Opprinnelig melding|Alkuperäinen viesti|Původní zpráva|Pôvodná správa|Mensagem original|Исходное сообщение)\s*-{2,}\s*$/i;

const FROM = "From|Von|De|Od|Fra|Från|Van|Da|Lähettäjä|От|Feladó|Kimden";
const OTHER_FIELDS =
  "Sent|Отправлено|Date|To|Cc|Subject|Gesendet|Datum|An|Betreff|Envoyé|Date|À|Objet|Wysłano|Data|Do|Temat|Sendt|Til|Emne|Skickat|Till|Ämne|Verzonden|Aan|Onderwerp|Enviado|Fecha|Para|Asunto|Inviato|Oggetto|A|Lähetetty|Vastaanottaja|Aihe|Odesláno|Komu|Předmět|Odoslané|Predmet|Kopie|Kopia|Отправлено|Кому|Тема";
export const OUTLOOK_FROM_WORDS = FROM;
export const OUTLOOK_FIELD_WORDS = OTHER_FIELDS;
export const OUTLOOK_FROM = new RegExp(`^\\s*\\*?(${FROM})\\s*:\\*?\\s*\\S`, "i");
export const OUTLOOK_FIELD = new RegExp(`^\\s*\\*?(${OTHER_FIELDS})\\s*:`, "i");
export const UNDERSCORE_RULE = /^\s*_{20,}\s*$/;

export const SIGNATURE_DELIMITER = /^(-- ?|—|__)\s*$/;
/** A mobile client's line that ends what the sender wrote ("Sent from my iPhone"), whatever follows. */
export const SENT_FROM_DEVICE =
  /^\s*(Sent from my|Sent from Outlook for|Get Outlook for|Gesendet von Outlook für|Envoyé de mon|Envoyé à partir de Outlook pour|Von meinem|Sendt fra min|Sendt fra Outlook til|Wysłane z mojego|Enviado desde mi|Enviado desde Outlook para|Inviato dal mio|Verzonden vanaf mijn|Verzonden met Outlook voor|Skickat från min|Skickat från Outlook för)\s[\p{L}\p{N} .,'()-]{1,60}(<https?:[^>\s]{1,200}>)?$/iu;
export const FORWARDED =
  /(Forwarded message|Begin forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Messaggio inoltrato|Doorgestuurd bericht|Wiadomość przekazana|Videresendt meddelelse|Vidarebefordrat meddelande|Välitetty viesti|Přeposlaná zpráva|Preposlaná správa|Mensagem encaminhada|Пересылаемое сообщение)/i;
export const RULE_LINE = /^\s*([-_=*]\s*){4,}\s*$/;

export const MOBILE_SIGNATURE =
  /^\s*(Sent from my |Sent from Mail for|Sent from Outlook|Get Outlook for |Envoyé de mon |Envoyé depuis |Von meinem .* gesendet|Gesendet von meinem |Sendt fra min |Sendt fra |Wysłane z |Wysłano z |Enviado desde mi |Enviado do meu |Inviato da |Verzonden met |Verstuurd vanaf |Skickat från |Lähetetty |Odesláno z |Odoslané z |Отправлено с )/i;
