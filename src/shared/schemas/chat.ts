import { z } from "zod";
import { Id, IsoDate } from "./common";

/** The languages the widget speaks (its own texts); the inbox picks which of them it offers. */
export const WIDGET_LOCALES = ["en", "da", "de", "sv", "nl", "pl", "cs", "sk", "es", "fr"] as const;
export const WidgetLocale = z.enum(WIDGET_LOCALES);
export type WidgetLocale = z.infer<typeof WidgetLocale>;

export const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a color like #1f6feb");

const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/;
/** A site the widget may run on: scheme://host[:port], or https://*.example.com for its subdomains. No path. */
export const AllowedOrigin = z
  .string()
  .trim()
  .toLowerCase()
  .max(300)
  .transform((s) => s.replace(/\/+$/, ""))
  .refine((s) => ORIGIN.test(s), "must be an origin like https://www.example.com (scheme and host, no path)");

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const TimeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "must be a time like 09:00");
export const HoursRange = z
  .strictObject({
    /** ISO weekday: 1 Monday … 7 Sunday. */
    day: z.number().int().min(1).max(7),
    from: TimeOfDay,
    to: TimeOfDay,
  })
  .refine((r) => r.from < r.to, { message: "must end after it starts", path: ["to"] });

export const BusinessHours = z.strictObject({
  enabled: z.boolean(),
  timeZone: z.string().max(64).refine(isTimeZone, "must be a time zone such as Europe/Copenhagen"),
  ranges: z.array(HoursRange).max(50),
});
export type BusinessHours = z.infer<typeof BusinessHours>;

export const PreChatForm = z.enum(["off", "optional", "required"]);
export const FileLimits = z.strictObject({
  enabled: z.boolean(),
  /** Largest file a visitor may send, in bytes (at most 25 MB). */
  maxBytes: z
    .number()
    .int()
    .min(1024)
    .max(25 * 1024 * 1024),
});

const settingsFields = {
  primaryColor: HexColor,
  /** Greeting per widget language; a language without one gets the widget's default text. */
  greeting: z.partialRecord(WidgetLocale, z.string().trim().max(300)),
  position: z.enum(["right", "left"]),
  languages: z.array(WidgetLocale).min(1).max(WIDGET_LOCALES.length),
  /** Sites that may embed the widget; every other origin is refused (the frame and the API alike). */
  allowedOrigins: z.array(AllowedOrigin).max(50),
  businessHours: BusinessHours,
  preChatForm: PreChatForm,
  /** Enforcement: identify calls without a valid HMAC are refused instead of being kept unverified. */
  requireVerifiedIdentity: z.boolean(),
  files: FileLimits,
};

export const DEFAULT_CHAT_SETTINGS = {
  primaryColor: "#1f6feb",
  greeting: {},
  position: "right",
  languages: [...WIDGET_LOCALES],
  allowedOrigins: [],
  businessHours: { enabled: false, timeZone: "UTC", ranges: [] },
  preChatForm: "off",
  requireVerifiedIdentity: false,
  files: { enabled: true, maxBytes: 10 * 1024 * 1024 },
} satisfies ChatSettings;

/** Chat settings on create: anything left out takes the default. */
export const ChatSettingsInput = z.strictObject({
  primaryColor: settingsFields.primaryColor.default(DEFAULT_CHAT_SETTINGS.primaryColor),
  greeting: settingsFields.greeting.default({}),
  position: settingsFields.position.default("right"),
  languages: settingsFields.languages.default([...WIDGET_LOCALES]),
  allowedOrigins: settingsFields.allowedOrigins.default([]),
  businessHours: settingsFields.businessHours.default({ enabled: false, timeZone: "UTC", ranges: [] }),
  preChatForm: settingsFields.preChatForm.default("off"),
  requireVerifiedIdentity: settingsFields.requireVerifiedIdentity.default(false),
  files: settingsFields.files.default({ enabled: true, maxBytes: 10 * 1024 * 1024 }),
});
/** Chat settings on update: only what is given changes. */
export const ChatSettingsPatch = z.strictObject({
  primaryColor: settingsFields.primaryColor.optional(),
  greeting: settingsFields.greeting.optional(),
  position: settingsFields.position.optional(),
  languages: settingsFields.languages.optional(),
  allowedOrigins: settingsFields.allowedOrigins.optional(),
  businessHours: settingsFields.businessHours.optional(),
  preChatForm: settingsFields.preChatForm.optional(),
  requireVerifiedIdentity: settingsFields.requireVerifiedIdentity.optional(),
  files: settingsFields.files.optional(),
});
export type ChatSettingsPatch = z.infer<typeof ChatSettingsPatch>;

export const ChatSettings = z.object(settingsFields).meta({ id: "ChatSettings" });
export type ChatSettings = z.infer<typeof ChatSettings>;

/** The identity-verification secret of a chat inbox (admins only): HMAC-SHA256(secret, user id) proves an identify call. */
export const IdentitySecret = z.object({ secret: z.string(), rotatedAt: IsoDate.nullable() }).meta({ id: "IdentitySecret" });

// ---------------------------------------------------------------------------------------------------------
// The widget's public API (/api/v1/widget/…): visitors, not agents.

/** Sent as the `x-rapport-visitor` header (HTTP) or `?token=` (socket). */
export const VISITOR_HEADER = "x-rapport-visitor";

export const ClientId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "must be 8 to 64 letters, digits, - or _");

export const VisitorText = z
  .string()
  .max(4000, "must be at most 4000 characters")
  .refine((s) => s.trim().length > 0, "must not be empty");

const Url = z.string().max(2000);
/** What the widget reports about where the visitor is: shown to agents, never trusted for anything else. */
export const VisitorContext = z.strictObject({
  url: Url.optional(),
  title: z.string().max(300).optional(),
  referrer: Url.optional(),
  language: z.string().max(35).optional(),
  languages: z.array(z.string().max(35)).max(10).optional(),
  timeZone: z.string().max(64).optional(),
  screen: z.string().max(20).optional(),
});
export type VisitorContext = z.infer<typeof VisitorContext>;

export const CreateVisitorInput = z.strictObject({ inboxId: Id });
export const VisitorSession = z.object({ visitorId: Id, token: z.string() }).meta({ id: "VisitorSession" });
export type VisitorSession = z.infer<typeof VisitorSession>;

export const VisitorProfile = z
  .object({
    id: Id,
    name: z.string().nullable(),
    email: z.string().nullable(),
    externalId: z.string().nullable(),
    verified: z.boolean(),
  })
  .meta({ id: "VisitorProfile" });
export type VisitorProfile = z.infer<typeof VisitorProfile>;

export const IdentifyInput = z.strictObject({
  user: z.strictObject({
    id: z.string().trim().min(1).max(200),
    email: z.string().trim().max(254).optional(),
    name: z.string().trim().max(200).optional(),
  }),
  /** Hex HMAC-SHA256 of user.id with the inbox's identity secret, computed on the site's server. */
  hmac: z.string().trim().max(128).optional(),
});
export type IdentifyInput = z.infer<typeof IdentifyInput>;
export const IdentifyResult = z
  .object({
    visitor: VisitorProfile,
    /** A fresh visitor token when the identity changed (another person on this browser): replace the stored one. */
    session: VisitorSession.nullable(),
  })
  .meta({ id: "IdentifyResult" });
export type IdentifyResult = z.infer<typeof IdentifyResult>;

export const ProfileInput = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  email: z.string().trim().max(254).optional(),
});

export const Availability = z
  .object({
    withinHours: z.boolean(),
    agentsOnline: z.boolean(),
    /** Median first reply of this inbox's chats over 14 days, in minutes; null when there are too few. */
    repliesInMinutes: z.number().int().nullable(),
    /** When business hours start again (outside them); null otherwise. */
    nextOpenAt: IsoDate.nullable(),
  })
  .meta({ id: "Availability" });
export type Availability = z.infer<typeof Availability>;

export const WidgetConfig = z
  .object({
    inboxId: Id,
    name: z.string(),
    primaryColor: z.string(),
    position: z.enum(["right", "left"]),
    greeting: z.record(z.string(), z.string()),
    languages: z.array(z.string()),
    preChatForm: PreChatForm,
    requireVerifiedIdentity: z.boolean(),
    files: z.object({ enabled: z.boolean(), maxBytes: z.number().int(), types: z.array(z.string()) }),
    availability: Availability,
  })
  .meta({ id: "WidgetConfig" });
export type WidgetConfig = z.infer<typeof WidgetConfig>;

export const WidgetAttachment = z.object({
  id: Id,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  url: z.string(),
  /** A raster image the widget may show inline. */
  image: z.boolean(),
});
export type WidgetAttachment = z.infer<typeof WidgetAttachment>;

export const WidgetMessage = z
  .object({
    id: Id,
    conversationId: Id,
    /** The visitor's own id for a message they sent (so a resend is recognised); null for agents' replies. */
    clientId: z.string().nullable(),
    author: z.object({ type: z.enum(["visitor", "agent"]), name: z.string().nullable() }),
    text: z.string(),
    attachments: z.array(WidgetAttachment),
    createdAt: IsoDate,
  })
  .meta({ id: "WidgetMessage" });
export type WidgetMessage = z.infer<typeof WidgetMessage>;

export const WidgetConversation = z
  .object({
    id: Id,
    /** The conversation's status in the workspace (a closed one takes no more messages: a new one starts). */
    status: z.enum(["open", "pending", "snoozed", "resolved", "closed"]),
    preview: z.string().nullable(),
    lastMessageAt: IsoDate.nullable(),
    createdAt: IsoDate,
    /** Agents' replies the visitor has not read. */
    unread: z.number().int(),
    /** When an agent last had the conversation open after the visitor wrote ("Seen"). */
    agentReadAt: IsoDate.nullable(),
    followUpEmail: z.string().nullable(),
  })
  .meta({ id: "WidgetConversation" });
export type WidgetConversation = z.infer<typeof WidgetConversation>;

export const SendInput = z.strictObject({
  clientId: ClientId,
  /** The conversation to write in; omit both this and startedBy to start a new one. */
  conversationId: Id.optional(),
  /** Written before the conversation existed (offline): the client id of the message that starts it. */
  startedBy: ClientId.optional(),
  text: VisitorText,
});
export type SendInput = z.infer<typeof SendInput>;
export const SendResult = z
  .object({ message: WidgetMessage, conversation: WidgetConversation, replayed: z.boolean() })
  .meta({ id: "WidgetSendResult" });
export type SendResult = z.infer<typeof SendResult>;

export const FollowUpInput = z.strictObject({ email: z.string().trim().max(254) });
export const DeflectionInput = z.strictObject({
  kind: z.enum(["shown", "opened", "solved", "escalated"]),
  articleId: Id.optional(),
});

export const WidgetArticleHit = z.object({ id: Id, slug: z.string(), title: z.string(), snippet: z.string(), url: z.string().nullable() });
export type WidgetArticleHit = z.infer<typeof WidgetArticleHit>;
export const WidgetArticle = z
  .object({ id: Id, slug: z.string(), locale: z.string(), title: z.string(), html: z.string(), url: z.string().nullable() })
  .meta({ id: "WidgetArticle" });
export type WidgetArticle = z.infer<typeof WidgetArticle>;
export const WidgetSearchQuery = z.strictObject({ q: z.string().max(200).default(""), locale: z.string().max(35).optional() });

/** What the widget sends on its socket. */
export const VisitorClientMessage = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("hello"), context: VisitorContext }),
  z.strictObject({ type: z.literal("context"), context: VisitorContext }),
  SendInput.extend({ type: z.literal("message") }),
  z.strictObject({ type: z.literal("typing"), conversationId: Id, typing: z.boolean() }),
  z.strictObject({ type: z.literal("read"), conversationId: Id }),
  z.strictObject({ type: z.literal("ping") }),
]);
export type VisitorClientMessage = z.infer<typeof VisitorClientMessage>;

/** What the server pushes on the widget's socket. */
export type VisitorPush =
  | { type: "hello"; data: { visitor: VisitorProfile; availability: Availability } }
  | { type: "ack"; data: { clientId: string } & SendResult }
  | { type: "message"; data: WidgetMessage }
  | { type: "conversation"; data: WidgetConversation }
  | { type: "typing"; data: { conversationId: string; typing: boolean; name: string | null } }
  | { type: "read"; data: { conversationId: string; at: string } }
  | { type: "availability"; data: Availability }
  | { type: "error"; data: { clientId?: string; code: string; message: string } }
  | { type: "pong"; data: null };

// ---------------------------------------------------------------------------------------------------------
// For agents: the chat side of a conversation.

export const ChatInfo = z
  .object({
    conversationId: Id,
    inbox: z.object({ id: Id, name: z.string() }).nullable(),
    visitor: z.object({
      id: Id,
      name: z.string().nullable(),
      email: z.string().nullable(),
      externalId: z.string().nullable(),
      verified: z.boolean(),
      /** The page the visitor is on now, their language, time zone, browser. */
      context: VisitorContext.extend({ browser: z.string().optional() }),
      lastSeenAt: IsoDate,
      online: z.boolean(),
    }),
    /** The conversation's start: the page it began on. */
    startedOn: z.string().nullable(),
    visitorReadAt: IsoDate.nullable(),
    agentReadAt: IsoDate.nullable(),
    followUpEmail: z.string().nullable(),
  })
  .meta({ id: "ChatInfo" });
export type ChatInfo = z.infer<typeof ChatInfo>;
