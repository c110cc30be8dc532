import { z } from "zod";
import { ChatSettings, ChatSettingsInput, ChatSettingsPatch } from "./chat";
import { Id, IsoDate } from "./common";

/** Header injection is impossible by construction: no CR, LF or NUL in anything that becomes a header. */
export const HeaderSafe = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !/[\r\n\0]/.test(s), "must not contain line breaks");

export const EmailAddressString = z
  .string()
  .trim()
  .max(254)
  .toLowerCase()
  .pipe(z.email({ message: "must be an email address" }));

export const EmailAddress = z.object({ name: z.string().nullable(), address: z.string() }).meta({ id: "EmailAddress" });
export type EmailAddress = z.infer<typeof EmailAddress>;

const Host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[a-zA-Z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/, "must be a host name or an IP address");
const Security = z.enum(["tls", "starttls", "none"]);

export const SmtpSettingsInput = z.strictObject({
  host: Host,
  port: z.number().int().min(1).max(65535).default(587),
  security: Security.default("starttls"),
  user: z.string().max(320).optional(),
  /** Write-only: kept encrypted, never returned. Omit on update to keep the stored one. */
  password: z.string().max(1000).optional(),
});

export const ImapSettingsInput = z.strictObject({
  host: Host,
  port: z.number().int().min(1).max(65535).default(993),
  security: Security.default("tls"),
  user: z.string().min(1).max(320),
  password: z.string().max(1000).optional(),
  folder: z.string().trim().min(1).max(200).default("INBOX"),
  /** Move fetched mail to this folder (created if missing); otherwise it is only marked seen. */
  moveTo: z.string().trim().min(1).max(200).optional(),
});

export const AcknowledgementInput = z.strictObject({
  enabled: z.boolean(),
  subject: HeaderSafe(200).optional(),
  text: z.string().max(5000).optional(),
});

const InboxFields = {
  name: HeaderSafe(120).pipe(z.string().min(1, "must not be empty")),
  address: EmailAddressString,
  signature: z.string().max(5000).optional(),
  /** Accept mail for this address on the built-in SMTP receiver (MX or forwarding rule). */
  receiveSmtp: z.boolean().default(true),
  /** Outgoing server; null sends through the instance's relay (RAPPORT_SMTP_RELAY_URL). */
  smtp: SmtpSettingsInput.nullable().optional(),
  /** Fetch from an existing mailbox; null turns fetching off. */
  imap: ImapSettingsInput.nullable().optional(),
  acknowledgement: AcknowledgementInput.optional(),
};

export const CreateEmailInboxInput = z.strictObject({ channel: z.literal("email"), ...InboxFields });
export type CreateEmailInboxInput = z.infer<typeof CreateEmailInboxInput>;
/** A website chat inbox: the widget's look, languages, allowed sites, hours and identity rules. */
export const CreateChatInboxInput = z.strictObject({
  channel: z.literal("chat"),
  name: InboxFields.name,
  chat: ChatSettingsInput.prefault({}),
});
export type CreateChatInboxInput = z.infer<typeof CreateChatInboxInput>;
export const CreateInboxInput = z.discriminatedUnion("channel", [CreateEmailInboxInput, CreateChatInboxInput]);
export type CreateInboxInput = z.infer<typeof CreateInboxInput>;

export const UpdateInboxInput = z.strictObject({
  name: InboxFields.name.optional(),
  signature: InboxFields.signature,
  receiveSmtp: z.boolean().optional(),
  smtp: InboxFields.smtp,
  imap: InboxFields.imap,
  acknowledgement: InboxFields.acknowledgement,
  /** Chat inboxes only: the settings to change. */
  chat: ChatSettingsPatch.optional(),
});
export type UpdateInboxInput = z.infer<typeof UpdateInboxInput>;

const ServerSettings = z.object({
  host: z.string(),
  port: z.number().int(),
  security: Security,
  user: z.string().nullable(),
  hasPassword: z.boolean(),
});

export const EmailInbox = z
  .object({
    id: Id,
    channel: z.literal("email"),
    name: z.string(),
    address: z.string(),
    signature: z.string(),
    receiveSmtp: z.boolean(),
    smtp: ServerSettings.nullable(),
    imap: ServerSettings.extend({ folder: z.string(), moveTo: z.string().nullable() }).nullable(),
    acknowledgement: z.object({ enabled: z.boolean(), subject: z.string(), text: z.string() }),
    imapStatus: z
      .object({ state: z.enum(["ok", "error", "pending"]), error: z.string().nullable(), checkedAt: IsoDate.nullable() })
      .nullable(),
    createdAt: IsoDate,
  })
  .meta({ id: "EmailInbox" });
export type EmailInbox = z.infer<typeof EmailInbox>;

export const ChatInbox = z
  .object({
    id: Id,
    channel: z.literal("chat"),
    name: z.string(),
    chat: ChatSettings,
    /** The loader's URL and the snippet a site owner pastes before </body>. */
    widget: z.object({ scriptUrl: z.string(), snippet: z.string() }),
    createdAt: IsoDate,
  })
  .meta({ id: "ChatInbox" });
export type ChatInbox = z.infer<typeof ChatInbox>;

export const Inbox = z.discriminatedUnion("channel", [EmailInbox, ChatInbox]).meta({ id: "Inbox" });
export type Inbox = z.infer<typeof Inbox>;

/** A mail that could not be turned into a conversation: kept raw for an admin to look at. */
export const InboundEmail = z
  .object({
    id: z.number().int(),
    inboxId: Id,
    via: z.enum(["smtp", "imap"]),
    mailFrom: z.string().nullable(),
    messageId: z.string(),
    size: z.number().int(),
    status: z.enum(["received", "processed", "unprocessable"]),
    outcome: z.string().nullable(),
    error: z.string().nullable(),
    conflict: z.boolean(),
    conversationId: Id.nullable(),
    createdAt: IsoDate,
  })
  .meta({ id: "InboundEmail" });
export type InboundEmail = z.infer<typeof InboundEmail>;

export const Attachment = z
  .object({ id: Id, filename: z.string(), contentType: z.string(), size: z.number().int(), inline: z.boolean(), url: z.string() })
  .meta({ id: "Attachment" });
export type Attachment = z.infer<typeof Attachment>;

/** The email side of a message in the thread. */
export const MessageEmail = z
  .object({
    from: EmailAddress.nullable(),
    to: z.array(EmailAddress),
    cc: z.array(EmailAddress),
    subject: z.string().nullable(),
    /** The full mail before quoted history and signature were folded; null when nothing was folded. */
    originalText: z.string().nullable(),
    originalHtml: z.string().nullable(),
    remoteImages: z.number().int(),
    automatic: z.enum(["auto-reply", "bounce"]).nullable(),
    rawUrl: z.string().nullable(),
  })
  .meta({ id: "MessageEmail" });
export type MessageEmail = z.infer<typeof MessageEmail>;
