import type { z } from "zod";
import type { ChatInfo, IdentitySecret } from "../../shared/schemas";
import { request } from "./client";

export type Secret = z.infer<typeof IdentitySecret>;

/** The workspace's chat calls: the visitor behind a conversation, and a chat inbox's identity secret. */
export const chatApi = {
  info: (conversationId: string) => request<ChatInfo>("GET", `/conversations/${conversationId}/chat`),
  secret: (inboxId: string) => request<Secret>("GET", `/inboxes/${inboxId}/identity-secret`),
  rotateSecret: (inboxId: string) => request<Secret>("POST", `/inboxes/${inboxId}/identity-secret`),
};
