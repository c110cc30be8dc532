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
  /**
   * Knowledge lives in the flow of work: every agent reads all articles (internal ones too) and writes new
   * ones, which they then own; only supervisors and up hand an article to another owner or delete it.
   */
  createArticles: (_a: Actor) => true,
  assignArticleOwner: (a: Actor) => atLeast(a, "supervisor"),
  /** An article's owner keeps it current (edits and verifies it) even as an agent; deleting is for supervisors. */
  editArticle: (a: Actor, ownerId: string | null) => atLeast(a, "supervisor") || ownerId === a.userId,
  deleteArticles: (a: Actor) => atLeast(a, "supervisor"),
  manageCategories: (a: Actor) => atLeast(a, "supervisor"),
  readKnowledgeHealth: (a: Actor) => atLeast(a, "supervisor"),
  manageHelpCenter: (a: Actor) => atLeast(a, "admin"),
  // Guidance (issue 5): anyone who sees a conversation sets follow-ups on it; its assignee, creator or a supervisor changes one.
  createFollowUp: (_a: Actor) => true,
  updateFollowUp: (a: Actor, f: { assigneeId: string | null; createdBy: string | null }) =>
    atLeast(a, "supervisor") || f.assigneeId === a.userId || f.createdBy === a.userId,
  // AI answers (issue 5): any agent asks for an answer and reads an inbox's AI agent; admins configure it.
  askAnswers: (_a: Actor) => true,
  readAiAgent: (_a: Actor) => true,
  manageAiAgent: (a: Actor) => atLeast(a, "admin"),
};

export function articleAbilities(a: Actor, article: { ownerId: string | null }) {
  return { update: policies.editArticle(a, article.ownerId), delete: policies.deleteArticles(a), verify: policies.editArticle(a, article.ownerId) };
}

export function conversationAbilities(a: Actor, c: { status: string }) {
  return {
    update: c.status !== "closed" || policies.reopenClosed(a),
    reply: policies.reply(a, c.status),
    note: policies.note(a),
    assign: true,
  };
}
