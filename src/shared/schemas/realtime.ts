import { z } from "zod";
import { Id } from "./common";

/** What the server pushes on /api/v1/realtime. `data` is the entity's one presented shape. */
export type ServerPush =
  | { type: "conversation.created" | "conversation.updated"; data: import("./conversations").Conversation }
  | { type: "message.created" | "message.updated"; data: import("./conversations").Message }
  | { type: "notification.created"; data: import("./notifications").Notification }
  | { type: "presence"; data: Presence }
  | { type: "hello"; data: { userId: string } }
  /** Chat: the visitor types, read the agents' replies, changed page or came and went. */
  | { type: "chat.typing"; data: { conversationId: string; typing: boolean } }
  | { type: "chat.read"; data: { conversationId: string; at: string } }
  | { type: "chat.visitor"; data: { visitorId: string; online: boolean; context?: import("./chat").ChatInfo["visitor"]["context"] } };

export const PresenceViewer = z.object({ userId: Id, name: z.string(), typing: z.boolean() });
export const Presence = z.object({ conversationId: Id, viewers: z.array(PresenceViewer) });
export type Presence = z.infer<typeof Presence>;

/** What a client may send: which conversation it views, and whether the agent is typing there. */
export const ClientMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("view"), conversationId: Id.nullable() }),
  z.object({ type: z.literal("typing"), conversationId: Id, typing: z.boolean() }),
  z.object({ type: z.literal("ping") }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
