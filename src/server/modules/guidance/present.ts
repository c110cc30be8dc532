import type { FollowUp, HandoffSummary } from "../../../shared/schemas";
import type { SummaryContent } from "../../ai/guidance/summary";
import { iso } from "../../lib/time";

export type SummaryRow = {
  id: string;
  conversation_id: string;
  reason: HandoffSummary["reason"];
  content: SummaryContent;
  language: string | null;
  engine: "offline" | "llm";
  pinned: boolean;
  created_at: Date | string;
};

export const presentSummary = (s: SummaryRow): HandoffSummary => ({
  id: s.id,
  conversationId: s.conversation_id,
  reason: s.reason,
  wants: s.content.wants,
  tried: s.content.tried,
  promises: s.content.promises,
  facts: s.content.facts,
  mood: s.content.mood,
  language: s.language,
  engine: s.engine,
  pinned: s.pinned,
  createdAt: iso(s.created_at),
});

export type FollowUpRow = {
  id: string;
  conversation_id: string;
  title: string;
  due_at: Date | string;
  status: FollowUp["status"];
  assignee_id: string | null;
  assignee_name: string | null;
  created_by: string | null;
  notify_customer: boolean;
  reminded_at: Date | string | null;
  done_at: Date | string | null;
  created_at: Date | string;
};

export const presentFollowUp = (f: FollowUpRow): FollowUp => ({
  id: f.id,
  conversationId: f.conversation_id,
  title: f.title,
  dueAt: iso(f.due_at),
  status: f.status,
  assignee: f.assignee_id ? { id: f.assignee_id, name: f.assignee_name ?? "" } : null,
  notifyCustomer: f.notify_customer,
  remindedAt: f.reminded_at ? iso(f.reminded_at) : null,
  doneAt: f.done_at ? iso(f.done_at) : null,
  createdAt: iso(f.created_at),
});
