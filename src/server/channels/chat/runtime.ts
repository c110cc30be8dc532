import { sql } from "drizzle-orm";
import type { Availability, SendResult, VisitorContext } from "../../../shared/schemas";
import type { AppContext } from "../../context";
import type { RelayedEvent } from "../../events/relay";
import { enqueue } from "../../jobs/queue";
import type { StoredAttachment } from "../email/attachments";
import { hoursState } from "./availability";
import { chatFollowUpJob } from "./follow-up-job";
import { followUp } from "./index";
import type { ChatHub } from "./hub";
import { pushTargets, visitorConversation, widgetConversationById, widgetMessagesByIds, medianFirstReplyMinutes } from "./queries";
import { describeBrowser, presentWidgetConversation, presentWidgetMessage } from "./present";
import { widgetLimits } from "./rate-limit";
import { sendVisitorMessage } from "./send-visitor-message";
import { type ChatInboxRow, InboxCache, type VisitorRow } from "./visitors";

const MEDIAN_TTL_MS = 5 * 60_000;

/** The chat channel's state in this process: inbox cache, rate limits, sockets, and what they share. */
export class ChatRuntime {
  readonly inboxes: InboxCache;
  readonly limits = widgetLimits();
  hub!: ChatHub;
  private medians = new Map<string, { minutes: number | null; until: number }>();
  private lastViewed = new Map<string, number>();
  private pushes: Promise<void> = Promise.resolve();

  constructor(
    readonly ctx: AppContext,
    private onError: (err: unknown) => void,
  ) {
    this.inboxes = new InboxCache(ctx.db);
  }

  async availability(inbox: ChatInboxRow): Promise<Availability> {
    const hours = hoursState(inbox.settings.businessHours);
    let median = this.medians.get(inbox.id);
    if (!median || median.until < Date.now()) {
      median = { minutes: await medianFirstReplyMinutes(this.ctx.db, inbox.id), until: Date.now() + MEDIAN_TTL_MS };
      if (this.medians.size > 10_000) this.medians.clear();
      this.medians.set(inbox.id, median);
    }
    return {
      withinHours: hours.withinHours,
      agentsOnline: this.hub.agentsOnline(inbox.account_id),
      repliesInMinutes: median.minutes,
      nextOpenAt: hours.nextOpenAt?.toISOString() ?? null,
    };
  }

  /** A visitor's message, stored exactly once, presented for the acknowledgement. */
  async send(
    visitor: VisitorRow,
    inbox: ChatInboxRow,
    input: { clientId: string; conversationId?: string; startedBy?: string; text: string },
    opts: { context?: VisitorContext; files?: StoredAttachment[] } = {},
  ): Promise<SendResult> {
    const out = await this.ctx.write(null, (tx) =>
      sendVisitorMessage({ tx, inbox, visitor, input, context: opts.context, files: opts.files }),
    );
    const [[message], conversation] = await Promise.all([
      widgetMessagesByIds(this.ctx.db, [out.messageId]),
      widgetConversationById(this.ctx.db, out.conversationId),
    ]);
    return {
      message: presentWidgetMessage(message, this.ctx.box),
      conversation: presentWidgetConversation(conversation!),
      replayed: out.replayed,
    };
  }

  /** The visitor read the conversation: agents see "Seen" on their replies. */
  async markVisitorRead(visitor: VisitorRow, conversationId: string): Promise<boolean> {
    const conv = await visitorConversation(this.ctx.db, visitor, conversationId);
    if (!conv) return false;
    const res = await this.ctx.db.execute(sql`
      UPDATE chat_sessions SET visitor_read_at = now() WHERE conversation_id = ${conversationId} RETURNING visitor_read_at`);
    const at = (res.rows[0] as { visitor_read_at: Date }).visitor_read_at;
    await this.ctx.hub.broadcast(visitor.account_id, { type: "chat.read", data: { conversationId, at: new Date(at).toISOString() } });
    return true;
  }

  /** The visitor gave an email: unread replies (and later ones) follow them there if they don't come back. */
  async setFollowUpEmail(visitor: VisitorRow, conversationId: string, email: string): Promise<boolean> {
    return this.ctx.write(null, async (tx) => {
      const res = await tx.execute(sql`
        UPDATE chat_sessions SET follow_up_email = ${email} WHERE conversation_id = ${conversationId} AND account_id = ${visitor.account_id}
        RETURNING visitor_read_at`);
      if (!res.rows.length) return false;
      if (!visitor.email) await tx.execute(sql`UPDATE chat_visitors SET email = ${email} WHERE id = ${visitor.id} AND email IS NULL`);
      const unread = await tx.execute(sql`
        SELECT m.id FROM messages m JOIN chat_sessions s ON s.conversation_id = m.conversation_id
        WHERE m.conversation_id = ${conversationId} AND m.kind = 'reply' AND m.created_at > coalesce(s.visitor_read_at, '-infinity'::timestamptz)
          AND NOT EXISTS (SELECT 1 FROM email_messages e WHERE e.message_id = m.id)`);
      for (const r of unread.rows as { id: string }[]) {
        await enqueue(
          tx,
          chatFollowUpJob,
          { messageId: r.id },
          { accountId: visitor.account_id, runAt: new Date(Date.now() + followUp.seconds * 1000) },
        );
      }
      return true;
    });
  }

  /** Where the visitor is (page, language, time zone, browser): kept on the visitor, shown live to agents. */
  async setContext(visitor: VisitorRow, context: VisitorContext, userAgent: string | undefined): Promise<void> {
    const full = { ...context, browser: describeBrowser(userAgent) };
    await this.ctx.db.execute(sql`
      UPDATE chat_visitors SET context = ${JSON.stringify(full)}::jsonb, last_seen_at = now() WHERE id = ${visitor.id}`);
    await this.ctx.hub.broadcast(visitor.account_id, {
      type: "chat.visitor",
      data: { visitorId: visitor.id, online: true, context: full },
    });
  }

  async visitorLeft(visitor: VisitorRow): Promise<void> {
    if (this.hub.isOnline(visitor.id)) return;
    await this.ctx.db.execute(sql`UPDATE chat_visitors SET last_seen_at = now() WHERE id = ${visitor.id}`).catch(() => {});
    await this.ctx.hub.broadcast(visitor.account_id, { type: "chat.visitor", data: { visitorId: visitor.id, online: false } });
  }

  async touch(visitorIds: string[]): Promise<void> {
    await this.ctx.db.execute(sql`UPDATE chat_visitors SET last_seen_at = now() WHERE id = ANY(${sql.param(visitorIds)}::uuid[])`);
  }

  /** An agent has the conversation open: the visitor's messages are seen (at most once per 2 s per conversation). */
  async agentViewing(accountId: string, conversationId: string): Promise<void> {
    const last = this.lastViewed.get(conversationId) ?? 0;
    if (Date.now() - last < 2_000) return;
    if (this.lastViewed.size > 50_000) this.lastViewed.clear();
    this.lastViewed.set(conversationId, Date.now());
    const res = await this.ctx.db.execute(sql`
      UPDATE chat_sessions s SET agent_read_at = now()
      WHERE s.conversation_id = ${conversationId} AND s.account_id = ${accountId}
        AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = s.conversation_id AND m.kind = 'incoming'
          AND m.created_at > coalesce(s.agent_read_at, '-infinity'::timestamptz))
      RETURNING s.visitor_id, s.agent_read_at, (SELECT v.customer_id FROM chat_visitors v WHERE v.id = s.visitor_id AND v.verified) AS customer_id`);
    const r = res.rows[0] as { visitor_id: string; agent_read_at: Date; customer_id: string | null } | undefined;
    if (!r) return;
    await this.hub.publish(
      { accountId, conversationId, visitorId: r.visitor_id, customerId: r.customer_id },
      { type: "read", data: { conversationId, at: new Date(r.agent_read_at).toISOString() } },
    );
  }

  /**
   * The relay listener: committed messages of chat conversations (never private notes) and status changes
   * go to the visitor's sockets on every node, through the bus.
   */
  listener() {
    return async (batch: RelayedEvent[]) => {
      // Pushed in order but off the relay's path: the relay holds its cursor while listeners run, so waiting
      // here would delay every other event. A push lost to a crash is not lost to the visitor: the widget
      // reloads its conversation on every (re)connect.
      this.pushes = this.pushes.then(() => this.pushBatch(batch)).catch((err) => this.onError(err));
    };
  }

  private async pushBatch(batch: RelayedEvent[]): Promise<void> {
    const messageIds: string[] = [];
    const statusChanged = new Set<string>();
    for (const e of batch) {
      if (e.type === "message.created" && e.data.kind !== "note") messageIds.push(String(e.data.messageId));
      else if (e.type === "conversation.created" && e.data.channel === "chat") messageIds.push(String(e.data.messageId));
      else if (e.type === "conversation.status_changed" && e.conversationId) statusChanged.add(e.conversationId);
    }
    if (messageIds.length) await this.pushMessages(messageIds);
    if (statusChanged.size) {
      for (const t of await pushTargets(this.ctx.db, [...statusChanged])) {
        const c = await widgetConversationById(this.ctx.db, t.conversation_id);
        if (c) await this.hub.publish(target(t), { type: "conversation", data: presentWidgetConversation(c) });
      }
    }
  }

  async pushMessages(ids: string[]): Promise<void> {
    const rows = await widgetMessagesByIds(this.ctx.db, ids);
    await Promise.all(rows.map((m) => this.hub.publish(target(m), { type: "message", data: presentWidgetMessage(m, this.ctx.box) })));
  }

  close(): void {
    this.hub?.close();
    for (const l of Object.values(this.limits)) l.close();
  }
}

const target = (t: { account_id: string; conversation_id: string; visitor_id: string; customer_id: string | null; verified: boolean }) => ({
  accountId: t.account_id,
  conversationId: t.conversation_id,
  visitorId: t.visitor_id,
  customerId: t.verified ? t.customer_id : null,
});
