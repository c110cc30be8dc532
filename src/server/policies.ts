import type { Role } from "../shared/schemas";
import type { Actor } from "./actor";

/** Who may do what, in one place. The API also returns these answers so the UI hides what it can't do. */
const rank: Record<Role, number> = { agent: 0, supervisor: 1, admin: 2, owner: 3 };
const atLeast = (actor: Actor, role: Role) => rank[actor.role] >= rank[role];

export const policies = {
  manageUsers: (a: Actor) => atLeast(a, "admin"),
  /** Admins create anyone but owners; only an owner makes another owner. */
  grantRole: (a: Actor, role: Role) => atLeast(a, "admin") && (role !== "owner" || a.role === "owner"),
  manageTeams: (a: Actor) => atLeast(a, "admin"),
  manageTokens: (a: Actor) => atLeast(a, "admin"),
  manageInboxes: (a: Actor) => atLeast(a, "admin"),
  readConversations: (_a: Actor) => true,
  updateConversation: (_a: Actor) => true,
  /** Agents take or drop work for themselves; supervisors and up route it to anyone. */
  assignConversation: (a: Actor, to: string | null, current: string | null) =>
    atLeast(a, "supervisor") || to === a.userId || (to === null && current === a.userId) || to === current,
  reply: (_a: Actor, status: string) => status !== "closed",
  note: (_a: Actor) => true,
  /** Closed is final: only supervisors reopen a closed conversation. */
  reopenClosed: (a: Actor) => atLeast(a, "supervisor"),
  manageCustomers: (_a: Actor) => true,
};

export function conversationAbilities(a: Actor, c: { status: string }) {
  return {
    update: c.status !== "closed" || policies.reopenClosed(a),
    reply: policies.reply(a, c.status),
    note: policies.note(a),
    assign: true,
  };
}
