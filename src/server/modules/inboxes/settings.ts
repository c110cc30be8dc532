import type { CreateEmailInboxInput, UpdateInboxInput } from "../../../shared/schemas";
import type { CryptoBox } from "../../lib/crypto-box";

export type ServerSettings = {
  host: string;
  port: number;
  security: "tls" | "starttls" | "none";
  user: string | null;
  password: string | null;
};

/** An email inbox's settings as stored: passwords sealed with the instance secret. */
export type EmailInboxSettings = {
  signature: string;
  receiveSmtp: boolean;
  smtp: ServerSettings | null;
  imap: (ServerSettings & { folder: string; moveTo: string | null }) | null;
  acknowledgement: { enabled: boolean; subject: string; text: string };
};

export const DEFAULT_ACK = {
  enabled: false,
  subject: "We received your message",
  text: "Thank you for writing to us. This is an automatic confirmation: a person from our team will read your message and reply as soon as we can.",
};

type Input = Partial<Omit<CreateEmailInboxInput, "channel" | "address" | "name">> & Pick<UpdateInboxInput, "smtp" | "imap">;

/** Merges an update into stored settings; a password left out keeps the stored one. */
export function mergeSettings(box: CryptoBox, current: EmailInboxSettings | null, input: Input): EmailInboxSettings {
  const base: EmailInboxSettings = current ?? { signature: "", receiveSmtp: true, smtp: null, imap: null, acknowledgement: DEFAULT_ACK };
  const server = <T extends { password?: string; user?: string }>(next: T, prev: ServerSettings | null) => ({
    user: next.user ?? null,
    password: next.password !== undefined ? (next.password ? box.seal(next.password) : null) : (prev?.password ?? null),
  });
  return {
    signature: input.signature ?? base.signature,
    receiveSmtp: input.receiveSmtp ?? base.receiveSmtp,
    smtp:
      input.smtp === undefined
        ? base.smtp
        : input.smtp && { host: input.smtp.host, port: input.smtp.port, security: input.smtp.security, ...server(input.smtp, base.smtp) },
    imap:
      input.imap === undefined
        ? base.imap
        : input.imap && {
            host: input.imap.host,
            port: input.imap.port,
            security: input.imap.security,
            folder: input.imap.folder,
            moveTo: input.imap.moveTo ?? null,
            ...server(input.imap, base.imap),
          },
    acknowledgement: input.acknowledgement ? { ...base.acknowledgement, ...input.acknowledgement } : base.acknowledgement,
  };
}
