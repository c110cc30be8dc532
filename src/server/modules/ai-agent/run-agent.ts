import { sql } from "drizzle-orm";
import type { Analysis, Channel, HandoffReason } from "../../../shared/schemas";
import { answerQuestion } from "../../ai/answers/answer-question";
import { composeOfflineAnswer, handoffMessage } from "../../ai/answers/compose";
import { retrieveCitations } from "../../ai/answers/retrieve";
import type { LlmProvider } from "../../ai/providers/types";
import type { Db, Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { enqueue } from "../../jobs/queue";
import { createHandoffSummary } from "../guidance/create-handoff-summary";
import { screenPassages } from "../../ai/answers/answer-question";
import { afterVerdict, feedbackOn } from "./customer-feedback";
import { claimAutoMail, machineMail } from "./email-guard";
import { aiAnswerSettleJob, SETTLE_AFTER_MS } from "./jobs";
import { postAgentReply } from "./post-agent-reply";
import { conversationInbox } from "./settings";

/** After this many answers the customer called unhelpful, a person takes over. */
const MAX_UNHELPFUL = 2;
/** The customer's messages since the agent's last reply make one question, up to this long (newest kept). */
const MAX_QUESTION = 2000;
const MAX_MESSAGES = 10;
const URGENT = 3;

type State = {
  message: { id: string; text: string; analysis: Analysis | null; created_at: Date };
  conv: {
    id: string;
    account_id: string;
    status: string;
    assignee_id: string | null;
    channel: Channel;
    language: string | null;
    subject: string | null;
    team_id: string | null;
    priority: number;
  };
  /** The customer's messages since the agent's last reply, oldest first, this one last. */
  texts: string[];
  /** The agent has not replied yet (an email's subject then belongs to the question). */
  first: boolean;
  /** A person made the conversation urgent: escalated, like a team change. */
  urgentByPerson: boolean;
  /** A person replied in this conversation (not the agent). */
  personReplied: boolean;
  handedOver: boolean;
  alreadyDone: boolean;
  /** A newer customer message exists: its own job answers (with this one's text). */
  newer: boolean;
  /** The agent's latest answer still waiting for the customer's judgement. */
  pending: { id: string; question: string | null; citations: { articleId: string }[] } | null;
  unhelpful: number;
};

async function readState(db: Db | Tx, accountId: string, messageId: string, lock: boolean): Promise<State | null> {
  const m = await db.execute(sql`
    SELECT id, conversation_id, text, analysis, created_at FROM messages
    WHERE id = ${messageId} AND account_id = ${accountId} AND kind = 'incoming'`);
  const msg = m.rows[0] as { id: string; conversation_id: string; text: string; analysis: Analysis | null; created_at: Date } | undefined;
  if (!msg) return null;
  const c = await db.execute(sql`
    SELECT id, account_id, status, assignee_id, channel, language, subject, team_id, priority FROM conversations
    WHERE id = ${msg.conversation_id} AND account_id = ${accountId} ${lock ? sql`FOR UPDATE` : sql``}`);
  const conv = c.rows[0] as State["conv"] | undefined;
  if (!conv) return null;
  const facts = await db.execute(sql`
    SELECT
      EXISTS (SELECT 1 FROM messages WHERE conversation_id = ${conv.id} AND kind = 'reply' AND sender IS NULL AND author_user_id IS NOT NULL) AS person_replied,
      EXISTS (SELECT 1 FROM ai_answers WHERE conversation_id = ${conv.id} AND outcome = 'handed_over') AS handed_over,
      EXISTS (SELECT 1 FROM ai_answers WHERE question_message_id = ${msg.id}) AS already_done,
      EXISTS (SELECT 1 FROM messages n WHERE n.conversation_id = ${conv.id} AND n.kind = 'incoming' AND (n.created_at, n.id) > (${msg.created_at}, ${msg.id})
        AND NOT EXISTS (SELECT 1 FROM email_messages em WHERE em.message_id = n.id AND em.automatic IS NOT NULL)) AS newer,
      (SELECT count(*) FROM ai_answers WHERE conversation_id = ${conv.id} AND outcome = 'unhelpful')::int AS unhelpful,
      EXISTS (SELECT 1 FROM events WHERE conversation_id = ${conv.id} AND account_id = ${accountId} AND type = 'conversation.priority_changed'
        AND actor_type = 'user' AND data->>'to' = 'urgent') AS urgent_by_person,
      (SELECT max(created_at) FROM messages WHERE conversation_id = ${conv.id} AND kind = 'reply' AND sender = 'ai_agent') AS last_reply`);
  const f = facts.rows[0] as {
    person_replied: boolean;
    handed_over: boolean;
    already_done: boolean;
    newer: boolean;
    unhelpful: number;
    urgent_by_person: boolean;
    last_reply: Date | string | null;
  };
  // Machine mail (auto-replies, bounces) in the thread is no part of the customer's question.
  const t = await db.execute(sql`
    SELECT m.text FROM messages m LEFT JOIN email_messages em ON em.message_id = m.id
    WHERE m.conversation_id = ${conv.id} AND m.account_id = ${accountId} AND m.kind = 'incoming' AND em.automatic IS NULL
      AND (m.created_at, m.id) <= (${msg.created_at}, ${msg.id}) ${f.last_reply ? sql`AND m.created_at > ${f.last_reply}` : sql``}
    ORDER BY m.created_at DESC, m.id DESC LIMIT ${MAX_MESSAGES}`);
  const texts: string[] = [];
  let room = MAX_QUESTION;
  for (const r of t.rows as { text: string }[]) {
    if (room <= 0) break;
    texts.unshift(r.text.slice(0, room));
    room -= r.text.length + 1;
  }
  if (!texts.length) texts.push(msg.text);
  const p = await db.execute(sql`
    SELECT a.id, q.text AS question, a.citations FROM ai_answers a LEFT JOIN messages q ON q.id = a.question_message_id
    WHERE a.conversation_id = ${conv.id} AND a.outcome = 'answered' ORDER BY a.created_at DESC LIMIT 1`);
  const pending = (p.rows[0] as State["pending"]) ?? null;
  return {
    message: msg,
    conv,
    personReplied: f.person_replied,
    handedOver: f.handed_over,
    alreadyDone: f.already_done,
    newer: f.newer,
    pending,
    unhelpful: f.unhelpful,
    first: f.last_reply === null,
    texts,
    urgentByPerson: f.urgent_by_person && conv.priority === URGENT,
  };
}

/** A person is on it: assigned, replied, or escalated it (team set, urgent), as the guidance module reads it. */
const personOnIt = (s: State) => s.conv.assignee_id !== null || s.personReplied || s.conv.team_id !== null || s.urgentByPerson;

const skip = (s: State) => personOnIt(s) || s.handedOver || s.alreadyDone || s.newer || s.conv.status === "closed";

/** The agent's answers still waiting for a verdict are settled as handed over: a person took it from there. */
async function settlePendingAsHandedOver(db: Db | Tx, accountId: string, conversationId: string) {
  await db.execute(sql`
    UPDATE ai_answers SET outcome = 'handed_over', settled_at = now()
    WHERE conversation_id = ${conversationId} AND account_id = ${accountId} AND outcome = 'answered'`);
}

export type AgentOutcome = "skipped" | "answered" | "handed_over" | "resolved";

/**
 * The AI answer agent's turn on one customer message: it stays out when its inbox has it off, a person is
 * on the conversation or it already handed over; a message judging its last answer settles that answer;
 * otherwise it answers from the knowledge base or hands over at once, honestly, with a summary.
 */
export async function runAgent(
  db: Db,
  opts: { accountId: string; messageId: string; llm: LlmProvider | null; publicBase: string; autoMailLimit: number },
): Promise<AgentOutcome> {
  const first = await readState(db, opts.accountId, opts.messageId, false);
  if (!first) return "skipped";
  if (personOnIt(first) && !first.newer) await settlePendingAsHandedOver(db, opts.accountId, first.conv.id);
  if (skip(first)) return "skipped";
  const inbox = await conversationInbox(db, opts.accountId, first.conv.id);
  if (!inbox?.agent.enabled) return "skipped";
  // Machine mail gets no answer, not even a hand-off (RFC 3834): answering it can start a mail loop.
  if (first.conv.channel === "email" && (await machineMail(db, opts.accountId, opts.messageId))) return "skipped";

  // Work out what to do outside the transaction (the LLM may take seconds), then re-check under a lock.
  const plan = await decide(db, first, { ...opts, threshold: inbox.agent.confidenceThreshold, agentName: inbox.agent.name });
  return db.transaction(async (tx) => {
    const s = await readState(tx, opts.accountId, opts.messageId, true);
    if (!s || skip(s)) return "skipped";
    if (plan.settle) {
      await tx.execute(
        sql`UPDATE ai_answers SET outcome = ${plan.settle.outcome}, settled_at = now() WHERE id = ${plan.settle.id} AND outcome = 'answered'`,
      );
    }
    const base = { tx, accountId: opts.accountId, inboxId: inbox.inboxId, state: s };
    if (plan.kind === "resolved") return "resolved";
    // An email answer is automatic mail: rate-limited per address like acknowledgements; over it, silence.
    if (s.conv.channel === "email" && !(await claimAutoMail(tx, opts.accountId, s.conv.id, opts.autoMailLimit))) return "skipped";
    if (plan.kind === "handoff") {
      await handOver({ ...base, reason: plan.reason, language: plan.language, confidence: plan.confidence, citations: plan.citations });
      return "handed_over";
    }
    const reply = await postAgentReply({
      tx,
      accountId: opts.accountId,
      conversationId: s.conv.id,
      language: s.conv.language,
      channel: s.conv.channel,
      text: plan.text,
    });
    const ins = await tx.execute(sql`
      INSERT INTO ai_answers (account_id, inbox_id, conversation_id, question_message_id, answer_message_id, citations, confidence, language, engine, outcome)
      VALUES (${opts.accountId}, ${inbox.inboxId}, ${s.conv.id}, ${s.message.id}, ${reply.messageId}, ${JSON.stringify(plan.citations)}::jsonb,
        ${plan.confidence}, ${plan.language}, ${plan.engine}, 'answered')
      RETURNING id`);
    const aiAnswerId = (ins.rows[0] as { id: string }).id;
    await enqueue(tx, aiAnswerSettleJob, { aiAnswerId }, { accountId: opts.accountId, runAt: new Date(Date.now() + SETTLE_AFTER_MS) });
    await recordEvent(tx, {
      accountId: opts.accountId,
      type: "ai_agent.answered",
      conversationId: s.conv.id,
      actor: { type: "system", id: null },
      data: { messageId: reply.messageId, questionMessageId: s.message.id, aiAnswerId },
    });
    return "answered";
  });
}

type Cited = { articleId: string; slug: string; title: string; url: string; locale: string };
type Plan = { settle?: { id: string; outcome: "resolved" | "unhelpful" } } & (
  | { kind: "resolved" }
  | { kind: "handoff"; reason: HandoffReason; language: string | null; confidence: number; citations: Cited[] }
  | { kind: "answer"; text: string; language: string; confidence: number; engine: "offline" | "llm"; citations: Cited[] }
);

async function decide(
  db: Db,
  s: State,
  o: { accountId: string; llm: LlmProvider | null; publicBase: string; threshold: number; agentName: string },
): Promise<Plan> {
  const text = s.texts.join("\n");
  const judged = s.pending ? feedbackOn(text, s.pending.question) : null;
  const settle = s.pending && judged ? { id: s.pending.id, outcome: judged } : undefined;
  // "Thanks, that worked! Also, how do I…": resolved, and the rest is a new question.
  const rest = judged === "resolved" ? afterVerdict(text) : null;
  if (judged === "resolved" && !rest) return { settle, kind: "resolved" };
  const asked = rest ?? text;
  // An email's subject often is the question ("Invoice"); a chat has none.
  const question = s.first && s.conv.subject && !asked.includes(s.conv.subject) ? `${s.conv.subject}\n${asked}` : asked;
  const answer = await answerQuestion({
    db,
    accountId: o.accountId,
    question,
    locale: s.conv.language,
    threshold: o.threshold,
    llm: o.llm,
    agentName: o.agentName,
    publicBase: o.publicBase,
    analysis: s.message.analysis,
  });
  const language = answer.language;
  const cite = (cs: Cited[]) => cs.map(({ articleId, slug, title, url, locale }) => ({ articleId, slug, title, url, locale }));
  // Asking for a person or being upset wins over anything else the message says.
  if (answer.handoff && (answer.handoffReason === "asked_for_human" || answer.handoffReason === "emotion")) {
    return {
      settle,
      kind: "handoff",
      reason: answer.handoffReason,
      language,
      confidence: answer.confidence,
      citations: cite(answer.citations),
    };
  }
  if (judged === "unhelpful" && s.pending) {
    if (s.unhelpful + 1 >= MAX_UNHELPFUL) {
      return {
        settle,
        kind: "handoff",
        reason: "unhelpful_answers",
        language,
        confidence: answer.confidence,
        citations: cite(answer.citations),
      };
    }
    // One more try: the earlier question (with what they added) against the articles not offered yet,
    // held to the inbox's threshold like any answer.
    const again = await retrieveCitations(db, {
      accountId: o.accountId,
      question: `${s.pending.question ?? ""}\n${text}`,
      locale: language,
      limit: 3,
      publicBase: o.publicBase,
      excludeArticleIds: s.pending.citations.map((c) => c.articleId),
    });
    const screened = screenPassages(again);
    const next = screened.citations[0];
    if (!next) return { settle, kind: "handoff", reason: "unhelpful_answers", language, confidence: answer.confidence, citations: [] };
    const confidence = screened.confidence;
    if (confidence < o.threshold) {
      return { settle, kind: "handoff", reason: "low_confidence", language, confidence, citations: cite([next]) };
    }
    return {
      settle,
      kind: "answer",
      text: composeOfflineAnswer(next),
      language,
      confidence,
      engine: "offline",
      citations: cite([next]),
    };
  }
  if (answer.handoff) {
    return {
      settle,
      kind: "handoff",
      reason: answer.handoffReason ?? "low_confidence",
      language,
      confidence: answer.confidence,
      citations: cite(answer.citations),
    };
  }
  return {
    settle,
    kind: "answer",
    text: answer.answer,
    language,
    confidence: answer.confidence,
    engine: answer.engine,
    citations: cite(answer.citations),
  };
}

/**
 * Tells the customer honestly that a person takes over, in their language, leaves the conversation open
 * and unassigned for the team with a pinned summary, and records why.
 */
async function handOver(o: {
  tx: Tx;
  accountId: string;
  inboxId: string;
  state: State;
  reason: HandoffReason;
  language: string | null;
  confidence: number;
  citations: Cited[];
}): Promise<void> {
  const { tx, state } = o;
  const conversationId = state.conv.id;
  await settlePendingAsHandedOver(tx, o.accountId, conversationId);
  await postAgentReply({
    tx,
    accountId: o.accountId,
    conversationId,
    language: state.conv.language,
    channel: state.conv.channel,
    text: handoffMessage(o.language),
  });
  await tx.execute(sql`
    INSERT INTO ai_answers (account_id, inbox_id, conversation_id, question_message_id, citations, confidence, language, engine, outcome, handoff_reason, settled_at)
    VALUES (${o.accountId}, ${o.inboxId}, ${conversationId}, ${state.message.id}, ${JSON.stringify(o.citations)}::jsonb, ${o.confidence},
      ${o.language}, 'offline', 'handed_over', ${o.reason}, now())`);
  // The summary is written offline inside this transaction: no LLM call while the conversation is locked.
  await createHandoffSummary({ tx, accountId: o.accountId, conversationId, reason: "ai_handoff", llm: null });
  await recordEvent(tx, {
    accountId: o.accountId,
    type: "ai_agent.handed_over",
    conversationId,
    actor: { type: "system", id: null },
    data: { messageId: state.message.id, reason: o.reason },
  });
}
