import { z } from "zod";
import { Attachment, MessageEmail } from "./inboxes";
import { Id, IsoDate, UserRef } from "./common";
import { CustomerSummary } from "./customers";
import { Analysis, EmotionLabel } from "./language";

export const Channel = z.enum(["api", "email", "chat", "sms", "whatsapp", "phone", "social"]);
export type Channel = z.infer<typeof Channel>;
export const Status = z.enum(["open", "pending", "snoozed", "resolved", "closed"]);
export type Status = z.infer<typeof Status>;
export const Priority = z.enum(["low", "normal", "high", "urgent"]);
export type Priority = z.infer<typeof Priority>;
export const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(50)
  .regex(/^[^\s,]+$/u, "tags cannot contain spaces or commas");

export const MessageKind = z.enum(["incoming", "reply", "note"]);
export type MessageKind = z.infer<typeof MessageKind>;

export const Conversation = z
  .object({
    id: Id,
    number: z.number().int(),
    channel: Channel,
    status: Status,
    snoozedUntil: IsoDate.nullable(),
    priority: Priority,
    assignee: UserRef.nullable(),
    teamId: Id.nullable(),
    customer: CustomerSummary,
    subject: z.string().nullable(),
    tags: z.array(z.string()),
    language: z.string().nullable(),
    /** How upset the customer is, 0…100, from their latest analysed messages; null until analysed. */
    temperature: z.number().int().nullable(),
    mood: EmotionLabel.nullable(),
    preview: z.string().nullable(),
    previewKind: MessageKind.nullable(),
    messageCount: z.number().int(),
    lastMessageAt: IsoDate.nullable(),
    lastActivityAt: IsoDate,
    createdAt: IsoDate,
    updatedAt: IsoDate,
    can: z.object({ update: z.boolean(), reply: z.boolean(), note: z.boolean(), assign: z.boolean() }),
  })
  .meta({ id: "Conversation" });
export type Conversation = z.infer<typeof Conversation>;

const MessageBody = {
  text: z.string().max(100_000).optional(),
  html: z.string().max(500_000).optional(),
};
const hasBody = (m: { text?: string; html?: string }) =>
  (m.text !== undefined && m.text.trim() !== "") || (m.html !== undefined && m.html.trim() !== "");

export const CreateConversationInput = z.strictObject({
  channel: z.literal("api", { message: 'must be "api" (other channels arrive through their own inboxes)' }),
  customer: z
    .strictObject({
      email: z.string().max(254).optional(),
      phone: z.string().max(40).optional(),
      externalId: z.string().min(1).max(200).optional(),
      name: z.string().trim().min(1).max(200).optional(),
    })
    .refine((c) => c.email || c.phone || c.externalId, "needs an email, phone or externalId"),
  subject: z.string().trim().max(500).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "must be a language tag like en or pt-BR")
    .optional(),
  message: z.strictObject(MessageBody).refine(hasBody, "needs text or html"),
});

export const UpdateConversationInput = z
  .strictObject({
    status: Status.optional(),
    snoozedUntil: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }).nullable().optional(),
    priority: Priority.optional(),
    assigneeId: Id.nullable().optional(),
    teamId: Id.nullable().optional(),
    tags: z.array(Tag).max(50).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "at least one field to change");

/** temperature: hottest (most upset customer) first. */
export const Sort = z.enum(["newest", "oldest", "priority", "temperature"]);
export const ListConversationsQuery = z.strictObject({
  status: z.union([Status, z.literal("all")]).optional(),
  assignee: z.union([z.literal("me"), z.literal("none"), Id]).optional(),
  team: Id.optional(),
  tag: Tag.optional(),
  channel: Channel.optional(),
  customer: Id.optional(),
  /** upset: conversations whose customer is upset (temperature ≥ 60). */
  mood: z.literal("upset").optional(),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  sort: Sort.default("newest"),
});
export type ListConversationsQuery = z.infer<typeof ListConversationsQuery>;

export const Counts = z
  .object({
    mine: z.number().int(),
    unassigned: z.number().int(),
    all: z.number().int(),
    /** Open conversations whose customer is upset (the "Upset customers" view). */
    upset: z.number().int(),
    status: z.record(Status, z.number().int()),
    teams: z.record(z.string(), z.number().int()),
  })
  .meta({ id: "ConversationCounts" });
export type Counts = z.infer<typeof Counts>;

export const MessageAuthor = z.object({
  /** assistant: the AI answer agent. */
  type: z.enum(["user", "customer", "system", "assistant"]),
  id: Id.nullable(),
  name: z.string().nullable(),
});

export const Message = z
  .object({
    id: Id,
    conversationId: Id,
    kind: MessageKind,
    author: MessageAuthor,
    text: z.string(),
    /** Sanitized on the server; still render it in a sandbox. */
    html: z.string().nullable(),
    mentions: z.array(Id),
    /** Replies on a delivering channel (email…): pending until sent, failed with the reason; null otherwise. */
    delivery: z.object({ status: z.enum(["pending", "sent", "failed"]), error: z.string().nullable(), at: IsoDate.nullable() }).nullable(),
    /** Headers, participants and the unfolded original of an email message; null on other channels. */
    email: MessageEmail.nullable(),
    attachments: z.array(Attachment),
    /** What the language engine read in a customer message; null until analysed (and on agents' messages). */
    analysis: Analysis.nullable(),
    /** The text in another language: an incoming message in the agent's, or the original of a translated reply. */
    translation: z.object({ text: z.string(), from: z.string().nullable(), to: z.string() }).nullable(),
    createdAt: IsoDate,
  })
  .meta({ id: "Message" });
export type Message = z.infer<typeof Message>;

export const CreateMessageInput = z
  .strictObject({
    kind: MessageKind,
    ...MessageBody,
    /** Email replies: who is copied. Omitted: the people already on the thread (shown to the agent). */
    cc: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .pipe(z.email({ message: "must be an email address" })),
      )
      .max(50)
      .optional(),
    /** A reply written in the agent's language and sent translated: the original, kept beside the sent text. */
    translation: z
      .strictObject({
        text: z.string().trim().min(1).max(100_000),
        from: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "must be a language tag like en").nullable(),
        to: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "must be a language tag like da"),
      })
      .optional(),
  })
  .refine(hasBody, "needs text or html")
  .refine((m) => m.cc === undefined || m.kind === "reply", { message: "cc is only for replies", path: ["cc"] });

export const ConversationEvent = z
  .object({
    id: z.number().int(),
    type: z.string(),
    actor: MessageAuthor,
    data: z.record(z.string(), z.unknown()),
    createdAt: IsoDate,
  })
  .meta({ id: "ConversationEvent" });
export type ConversationEvent = z.infer<typeof ConversationEvent>;

export const ListMessagesQuery = z.strictObject({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
