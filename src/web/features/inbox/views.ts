import { type Conversation, type Status, type Team, UPSET_TEMPERATURE } from "../../../shared/schemas";
import type { ConversationQuery } from "../../api/client";

export type View =
  | { kind: "mine" | "unassigned" | "all" | "upset" }
  | { kind: "status"; status: Status }
  | { kind: "team"; teamId: string }
  | { kind: "search"; q: string };

export function viewKey(v: View): string {
  if (v.kind === "status") return `status:${v.status}`;
  if (v.kind === "team") return `team:${v.teamId}`;
  if (v.kind === "search") return `search:${v.q}`;
  return v.kind;
}

export function viewQuery(v: View): ConversationQuery {
  switch (v.kind) {
    case "mine":
      return { status: "open", assignee: "me" };
    case "unassigned":
      return { status: "open", assignee: "none" };
    case "all":
      return { status: "open" };
    case "upset":
      return { status: "open", mood: "upset" };
    case "status":
      return { status: v.status };
    case "team":
      return { status: "open", team: v.teamId };
    case "search":
      return { status: "all", q: v.q };
  }
}

/** Whether a pushed conversation belongs in the list the agent is looking at (search results are left alone). */
export function matchesView(v: View, c: Conversation, meId: string): boolean | null {
  switch (v.kind) {
    case "mine":
      return c.status === "open" && c.assignee?.id === meId;
    case "unassigned":
      return c.status === "open" && !c.assignee;
    case "all":
      return c.status === "open";
    case "upset":
      return c.status === "open" && (c.temperature ?? 0) >= UPSET_TEMPERATURE;
    case "status":
      return c.status === v.status;
    case "team":
      return c.status === "open" && c.teamId === v.teamId;
    case "search":
      return null;
  }
}

export const STATUS_LABEL: Record<Status, string> = {
  open: "Open",
  pending: "Pending",
  snoozed: "Snoozed",
  resolved: "Resolved",
  closed: "Closed",
};

export function viewTitle(view: View, teams: Team[]): string {
  switch (view.kind) {
    case "mine":
      return "Mine";
    case "unassigned":
      return "Unassigned";
    case "all":
      return "All open";
    case "upset":
      return "Upset customers";
    case "status":
      return STATUS_LABEL[view.status];
    case "team":
      return `Team: ${teams.find((t) => t.id === view.teamId)?.name ?? "…"}`;
    case "search":
      return `Search: “${view.q}”`;
  }
}

/** What an empty list says: an open queue that is empty is good news; an empty archive just has nothing yet. */
export function emptyText(view: View, title: string): { title: string; hint: string } {
  if (view.kind === "search")
    return {
      title: "No conversations match your search",
      hint: "Try another word, an email address, a phone number or a #number. Press Esc to go back.",
    };
  if (view.kind === "upset")
    return {
      title: "No upset customers right now",
      hint: `Open conversations whose customer is upset (temperature ${UPSET_TEMPERATURE} or more) show here as their messages are read.`,
    };
  if (view.kind === "status" && view.status !== "pending") {
    const word = STATUS_LABEL[view.status].toLowerCase();
    return { title: `No ${word} conversations`, hint: `Conversations you mark ${word} are kept here.` };
  }
  return { title: `All caught up in ${title}`, hint: "Nothing is waiting here. New conversations for this view appear on their own." };
}
