import type { ParsedEmail } from "./parse";
import { cleanMessageId, rawHeader } from "./raw-headers";

export type Bounce = {
  originalMessageId: string | null;
  recipients: { address: string; status: string | null; diagnostic: string | null }[];
};

export type Classification = {
  /** A delivery status notification about mail we (or someone) sent. */
  bounce: Bounce | null;
  /** Written by a machine on someone's behalf (out of office, vacation, ticket confirmations). */
  autoReply: boolean;
  /** Mailing list or bulk mail: recorded, never answered automatically. */
  bulk: boolean;
};

const AUTO_SUBJECT =
  /^(auto(matic)?\s*(reply|response)|auto:|out of (the )?office|autosvar|automatisk svar|automatische antwort|abwesenheitsnotiz|r[ée]ponse automatique|absence|odpowied[źz] automatyczna|respuesta autom[áa]tica|automatisch antwoord|afwezig|risposta automatica|automaattinen vastaus|automatick[áa] odpov[ěe]ď|vacation|on vacation)/i;
const BOUNCE_SUBJECT =
  /(undeliver|undelivered mail|delivery status notification|delivery (has )?failed|failure notice|returned mail|mail delivery (failed|subsystem)|unzustellbar|non remis|nie dostarczono|no se pudo entregar|onbestelbaar)/i;
const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;

function parseDsn(text: string): Bounce["recipients"] {
  const out: Bounce["recipients"] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    const field = (name: string) => new RegExp(`^${name}:\\s*(?:[a-z0-9-]+;\\s*)?(.+)$`, "im").exec(block)?.[1]?.trim() ?? null;
    const rcpt = field("Final-Recipient") ?? field("Original-Recipient");
    if (!rcpt) continue;
    out.push({ address: rcpt.replace(/^<|>$/g, "").toLowerCase(), status: field("Status"), diagnostic: field("Diagnostic-Code") });
  }
  return out;
}

/** The Message-ID of the mail a bounce is about: from its returned headers or message. */
function originalMessageId(mail: ParsedEmail): string | null {
  for (const a of mail.attachments) {
    if (a.contentType === "message/rfc822" || a.contentType === "text/rfc822-headers" || a.contentType === "message/rfc822-headers") {
      const head = a.content
        .subarray(0, 64 * 1024)
        .toString("latin1")
        .replace(/\r?\n[ \t]+/g, " ");
      const id = cleanMessageId(/^Message-ID:\s*(.+)$/im.exec(head)?.[1]);
      if (id) return id;
    }
  }
  // Some servers quote the original headers in the text part instead.
  const quoted = /^\s*Message-ID:\s*(<[^>]+>)/im.exec(mail.text ?? "");
  return quoted ? cleanMessageId(quoted[1]) : null;
}

/** Tells bounces, auto-replies and bulk mail from mail a person wrote (RFC 3464, RFC 3834, common practice). */
export function classify(mail: ParsedEmail, nullSender: boolean): Classification {
  const h = (name: string) => rawHeader(mail.rawHeaders, name);
  const contentType = h("Content-Type") ?? "";
  const from = mail.from?.address ?? "";
  const dsnPart = mail.attachments.find((a) => a.contentType === "message/delivery-status");
  const isReport = /multipart\/report/i.test(contentType) && /report-type=\W?delivery-status/i.test(contentType);
  const looksBounce = (DAEMON.test(from) || nullSender) && BOUNCE_SUBJECT.test(mail.subject ?? "");
  const bounce: Bounce | null =
    isReport || dsnPart || looksBounce
      ? { originalMessageId: originalMessageId(mail), recipients: parseDsn(dsnPart ? dsnPart.content.toString("utf8") : (mail.text ?? "")) }
      : null;

  const autoSubmitted = (h("Auto-Submitted") ?? "").toLowerCase().split(";")[0].trim();
  const precedence = (h("Precedence") ?? "").trim().toLowerCase();
  const autoReply =
    !bounce &&
    ((autoSubmitted !== "" && autoSubmitted !== "no") ||
      h("X-Autoreply") !== null ||
      h("X-Autorespond") !== null ||
      (h("X-Auto-Response-Suppress") ?? "").toLowerCase() === "all" ||
      precedence === "auto_reply" ||
      AUTO_SUBJECT.test(mail.subject ?? ""));
  const bulk = h("List-Id") !== null || h("List-Unsubscribe") !== null || ["list", "bulk", "junk"].includes(precedence);
  return { bounce, autoReply, bulk };
}
