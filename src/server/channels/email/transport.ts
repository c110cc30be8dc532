import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { JobDeps } from "../../jobs/queue";
import { resolvePublicHost } from "../../lib/net-guard";
import type { EmailInboxSettings } from "../../modules/inboxes/settings";
import { PermanentDeliveryError } from "../types";

/**
 * The SMTP transport for an inbox: its own server (resolved and checked on every send, so a DNS change
 * can't point it at the internal network) or the instance relay.
 */
export async function transportFor(settings: EmailInboxSettings, deps: JobDeps) {
  const s = settings.smtp;
  if (!s) {
    if (!deps.config.email.relayUrl) {
      throw new PermanentDeliveryError("This inbox has no outgoing mail server: set one in the inbox settings (or RAPPORT_SMTP_RELAY_URL)");
    }
    return nodemailer.createTransport(deps.config.email.relayUrl);
  }
  let ip: string;
  try {
    ip = await resolvePublicHost(s.host, deps.config.email.allowPrivateHosts, "smtp.host");
  } catch (err) {
    throw new PermanentDeliveryError(err instanceof Error ? err.message : String(err));
  }
  const options: SMTPTransport.Options = {
    host: ip,
    port: s.port,
    secure: s.security === "tls",
    requireTLS: s.security === "starttls",
    ignoreTLS: s.security === "none",
    tls: { servername: s.host },
    auth: s.user ? { user: s.user, pass: s.password ? deps.box.open(s.password) : "" } : undefined,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  };
  return nodemailer.createTransport(options);
}

/**
 * 5xx answers, a refused login and addresses nodemailer refuses won't change on retry; everything else
 * (network, any 4xx, also a recipient deferred with 4xx as greylisting does) might.
 */
export function deliveryError(err: unknown): Error {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
  const text = e.response ?? e.message ?? String(err);
  const permanent = e.responseCode ? e.responseCode >= 500 : e.code === "EENVELOPE" || e.code === "EAUTH";
  if (permanent) {
    return new PermanentDeliveryError(e.code === "EAUTH" ? `The mail server refused the login: ${text}` : text);
  }
  return new Error(text);
}
