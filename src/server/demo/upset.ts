import { sql } from "drizzle-orm";
import type { Channel } from "../../shared/schemas";
import type { Actor } from "../actor";
import type { Db, Tx } from "../db/client";
import { createConversation } from "../modules/conversations/create-conversation";
import { postMessage } from "../modules/conversations/post-message";
import { receiveMessage } from "../modules/conversations/receive-message";
import { updateConversation } from "../modules/conversations/update-conversation";
import { createCustomer } from "../modules/customers/create-customer";
import { createFollowUp } from "../modules/guidance/create-follow-up";
import { createHandoffSummary } from "../modules/guidance/create-handoff-summary";
import { analyzeMessages } from "../modules/language/analyze-messages";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Step = { after: number; kind: "incoming" | "reply"; by?: string; text: string };

/** Upset customers in several languages, written in the last hours, so the empathy features have something to show. */
export type UpsetDemo = {
  lang: "en" | "da" | "pl" | "de" | "es";
  name: string;
  email: string;
  country: string;
  channel: Channel;
  subject: string;
  /** Hours before now that the customer first wrote. */
  hoursAgo: number;
  opening: string;
  steps: Step[];
  assignee: string;
  /** Reassigned after the thread: a pinned hand-off summary for the new agent. */
  reassignTo?: string;
  /** A follow-up task the agent set for tomorrow 10:00. */
  followUp?: string;
};

export const UPSET_DEMO: UpsetDemo[] = [
  {
    lang: "en",
    name: "Rachel Moore",
    email: "rachel.moore@example.com",
    country: "GB",
    channel: "email",
    subject: "Third time asking — where is my order?",
    hoursAgo: 6,
    opening:
      "This is the THIRD time I'm writing!!! Order NW-48213 still hasn't arrived after three weeks. I paid €89.90 and nobody answers my emails. I want to speak to a real person, not a bot.",
    steps: [
      {
        after: 40,
        kind: "reply",
        by: "ben",
        text: "Hi Rachel, I've asked the warehouse about NW-48213 and will get back to you by 14 November at the latest.",
      },
      {
        after: 180,
        kind: "incoming",
        text: "This is NOT good enough!!! You promised delivery by 2 November. I've tried the tracking link twice and it shows nothing. Refund my €89.90 today or I'm disputing the charge with my bank.",
      },
    ],
    assignee: "ben",
    reassignTo: "sofie",
  },
  {
    lang: "da",
    name: "Mette Jørgensen",
    email: "mette.jorgensen@example.dk",
    country: "DK",
    channel: "email",
    subject: "Min pakke er stadig ikke kommet",
    hoursAgo: 4,
    opening:
      "Jeg er virkelig skuffet. Min pakke (ordre NW-50112) er stadig ikke kommet efter to uger, og ingen svarer på mine mails. Det er simpelthen ikke godt nok!",
    steps: [],
    assignee: "sofie",
    followUp: "Tjek med fragtfirmaet om NW-50112 og skriv til Mette",
  },
  {
    lang: "pl",
    name: "Katarzyna Wiśniewska",
    email: "k.wisniewska@example.pl",
    country: "PL",
    channel: "email",
    subject: "Podwójna płatność",
    hoursAgo: 3,
    opening:
      "Jestem bardzo zdenerwowana! Zapłaciłam dwa razy za to samo zamówienie NW-51877 (249,00 zł) i nikt mi nie odpowiada. Chcę rozmawiać z człowiekiem!",
    steps: [],
    assignee: "marek",
  },
  {
    lang: "de",
    name: "Jürgen Hoffmann",
    email: "j.hoffmann@example.de",
    country: "DE",
    channel: "email",
    subject: "Wasserkocher nach einer Woche kaputt",
    hoursAgo: 2,
    opening:
      "Das ist eine Frechheit! Der Wasserkocher ist nach einer Woche kaputt gegangen und Ihr Kundendienst reagiert seit Tagen nicht. Ich will sofort mein Geld zurück.",
    steps: [],
    assignee: "lukas",
  },
  {
    lang: "es",
    name: "Lucía Fernández",
    email: "lucia.fernandez@example.es",
    country: "ES",
    channel: "email",
    subject: "Cobro duplicado urgente",
    hoursAgo: 1,
    opening:
      "Estoy muy preocupada, me han cobrado 129,00 € dos veces y necesito ese dinero para pagar el alquiler. Por favor, ayúdenme urgentemente.",
    steps: [],
    assignee: "ana",
  },
];

/** Tomorrow 10:00 UTC from `now`: the demo's follow-ups, the same on every machine. */
const tomorrowAtTen = (now: number) => {
  const d = new Date(now + DAY);
  d.setUTCHours(10, 0, 0, 0);
  return d;
};

/**
 * Writes the upset conversations through the real use-cases, has the offline engine read them (so chips,
 * temperature and the "Upset customers" view are there on first sign-in), reassigns one with its hand-off
 * summary and sets one follow-up. Every row gets the time its step "happened"; the caller's finish() then
 * brings the list fields in line, as for the rest of the demo.
 */
export async function seedUpsetConversations(db: Db, opts: { actor: (key: string) => Actor; now: number }): Promise<number> {
  const { actor, now } = opts;
  const owner = actor("dana");
  for (const demo of UPSET_DEMO) {
    const start = now - demo.hoursAgo * HOUR;
    let last = start;
    const incoming: string[] = [];
    const conversationId = await db.transaction(async (tx) => {
      const customerId = await createCustomer({
        tx,
        actor: owner,
        input: {
          name: demo.name,
          email: demo.email,
          attributes: { plan: "plus", country: demo.country, orders: 4, lifetimeValue: 312, vip: false },
        },
      });
      await tx.execute(sql`UPDATE customers SET created_at = ${new Date(start - 200 * DAY).toISOString()} WHERE id = ${customerId}`);
      const created = await createConversation({
        db: tx,
        accountId: owner.accountId,
        actor: { type: "customer", id: customerId },
        channel: demo.channel,
        customer: { identities: [{ kind: "email", value: demo.email }], name: demo.name },
        subject: demo.subject,
        language: demo.lang,
        message: { text: demo.opening },
        at: new Date(start),
      });
      incoming.push(created.messageId);
      await updateConversation({ tx, actor: owner, id: created.conversationId, changes: { assigneeId: actor(demo.assignee).userId } });
      await stamp(tx, created.conversationId, start + MINUTE);
      for (const step of demo.steps) {
        last = start + step.after * MINUTE;
        if (step.kind === "incoming") {
          const { messageId } = await receiveMessage({
            db: tx,
            actor: owner,
            conversationId: created.conversationId,
            content: { text: step.text },
          });
          incoming.push(messageId);
        } else {
          await postMessage({
            tx,
            actor: actor(step.by ?? demo.assignee),
            conversationId: created.conversationId,
            kind: "reply",
            content: { text: step.text },
          });
        }
        await stamp(tx, created.conversationId, last);
      }
      return created.conversationId;
    });
    // The engine's job would do this a moment after arrival; the demo does it at once.
    await analyzeMessages(db, incoming);
    await db.transaction(async (tx) => {
      const at = last + 2 * MINUTE;
      if (demo.reassignTo) {
        // Agents may only take conversations themselves: the owner routes it on, as a lead would.
        const by = owner;
        await updateConversation({ tx, actor: by, id: conversationId, changes: { assigneeId: actor(demo.reassignTo).userId } });
        await createHandoffSummary({ tx, accountId: owner.accountId, conversationId, reason: "reassigned", actorUserId: by.userId });
        await tx.execute(
          sql`UPDATE handoff_summaries SET created_at = ${new Date(at).toISOString()} WHERE conversation_id = ${conversationId}`,
        );
      }
      if (demo.followUp) {
        await createFollowUp({
          tx,
          actor: actor(demo.assignee),
          conversationId,
          input: { title: demo.followUp, dueAt: tomorrowAtTen(now).toISOString(), notifyCustomer: true },
        });
      }
      // The analysis, reassignment and follow-up events happened right after the last message, not at seed time.
      await tx.execute(sql`
        UPDATE events SET created_at = ${new Date(at).toISOString()}
        WHERE conversation_id = ${conversationId} AND created_at > ${new Date(at).toISOString()}`);
    });
  }
  return UPSET_DEMO.length;
}

/** Rows written in this transaction (they carry its now()) get the time their step happened. */
function stamp(tx: Tx, conversationId: string, at: number) {
  const t = new Date(at).toISOString();
  return tx.execute(sql`
    WITH e AS (UPDATE events SET created_at = ${t} WHERE conversation_id = ${conversationId} AND created_at = now() RETURNING 1),
      m AS (UPDATE messages SET created_at = ${t} WHERE conversation_id = ${conversationId} AND created_at = now() RETURNING 1),
      n AS (UPDATE notifications SET created_at = ${t} WHERE conversation_id = ${conversationId} AND created_at = now() RETURNING 1)
    SELECT (SELECT count(*) FROM e) + (SELECT count(*) FROM m) AS n`);
}
