import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import type { Channel, Priority, Role, Status } from "../../shared/schemas";
import type { Actor } from "../actor";
import type { Db, Tx } from "../db/client";
import * as schema from "../db/schema";
import { createAccount } from "../modules/accounts/create-account";
import type { CryptoBox } from "../lib/crypto-box";
import { seedArticles } from "./articles";
import { seedChatInbox } from "./chat-inbox";
import { seedUpsetConversations, UPSET_DEMO } from "./upset";
import { analyzeMessages } from "../modules/language/analyze-messages";
import { createConversation } from "../modules/conversations/create-conversation";
import { postMessage } from "../modules/conversations/post-message";
import { receiveMessage } from "../modules/conversations/receive-message";
import { updateConversation } from "../modules/conversations/update-conversation";
import { createCustomer } from "../modules/customers/create-customer";
import type { IdentityClaim } from "../modules/customers/find-or-create-customer";
import { createTeam } from "../modules/teams/create-team";
import { createUser } from "../modules/users/create-user";
import {
  AGENT_SIGN_OFF, ASK_AGAIN, CUSTOMER_SIGN_OFF, HANDOVER_NOTE, LANGUAGE_NAME, type Lang, NOTES, NUDGE, ORDER_LABELS,
  PEOPLE, PRODUCTS, SCRIPTS, type Script, SNOOZE_NOTE, THANKS, type Topic, VIP_NOTE,
} from "./texts";

export const DEMO_EMAIL = "demo@rapport.test";
export const DEMO_PASSWORD = "demo-password";
export const DEMO_ACCOUNT = "Northwind Support";
const SEED = 20261123;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------------------
// Who works here

type StaffKey = "dana" | "sofie" | "marek" | "ana" | "ben" | "zuzana" | "lukas" | "priya";
type TeamName = "Billing" | "Technical" | "Returns & Shipping";

export const STAFF: { key: StaffKey; name: string; email: string; role: Role; langs: Lang[] }[] = [
  { key: "dana", name: "Dana Whitfield", email: DEMO_EMAIL, role: "owner", langs: ["en"] },
  { key: "sofie", name: "Sofie Madsen", email: "sofie@rapport.test", role: "admin", langs: ["en", "da"] },
  { key: "marek", name: "Marek Nowak", email: "marek@rapport.test", role: "supervisor", langs: ["en", "pl"] },
  { key: "ana", name: "Ana Costa", email: "ana@rapport.test", role: "agent", langs: ["en", "es"] },
  { key: "ben", name: "Ben Okafor", email: "ben@rapport.test", role: "agent", langs: ["en", "fr"] },
  { key: "zuzana", name: "Zuzana Horváthová", email: "zuzana@rapport.test", role: "agent", langs: ["en", "sk"] },
  { key: "lukas", name: "Lukas Becker", email: "lukas@rapport.test", role: "agent", langs: ["en", "de"] },
  { key: "priya", name: "Priya Raman", email: "priya@rapport.test", role: "agent", langs: ["en"] },
];
const staff = (k: StaffKey) => STAFF.find((s) => s.key === k) as (typeof STAFF)[number];

const TEAMS: Record<TeamName, StaffKey[]> = {
  Billing: ["dana", "sofie", "ana", "ben"],
  Technical: ["lukas", "priya", "marek"],
  "Returns & Shipping": ["zuzana", "ana", "ben", "sofie"],
};

const TOPICS: Record<Topic, { team: TeamName; tags: string[] }> = {
  shipping: { team: "Returns & Shipping", tags: ["shipping"] },
  damaged: { team: "Returns & Shipping", tags: ["damaged", "refund"] },
  address: { team: "Returns & Shipping", tags: ["shipping", "address-change"] },
  return: { team: "Returns & Shipping", tags: ["returns", "refund"] },
  praise: { team: "Returns & Shipping", tags: ["praise"] },
  billing: { team: "Billing", tags: ["billing", "refund"] },
  invoice: { team: "Billing", tags: ["billing", "invoice"] },
  cancel: { team: "Billing", tags: ["billing", "churn-risk"] },
  discount: { team: "Billing", tags: ["billing", "promo"] },
  login: { team: "Technical", tags: ["account"] },
  bug: { team: "Technical", tags: ["bug", "mobile-app"] },
  feature: { team: "Technical", tags: ["feature-request"] },
  warranty: { team: "Technical", tags: ["warranty"] },
};

const PLANS = { free: { label: "Free", price: "€0" }, plus: { label: "Plus", price: "€9.99" }, premium: { label: "Premium", price: "€19.99" } };
type Plan = keyof typeof PLANS;

// ---------------------------------------------------------------------------------------------------------
// A deterministic plan: the same seed and clock give the same account, so screenshots are reproducible.

/** mulberry32: small, fast and good enough for demo data. */
function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const weighted = <T>(pairs: readonly (readonly [T, number])[]): T => {
    let r = next() * pairs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1][0];
  };
  /** Log-uniform between lo and hi: most waits are short, a few are long. */
  const span = (lo: number, hi: number) => Math.exp(Math.log(lo) + next() * (Math.log(hi) - Math.log(lo)));
  return { next, pick, weighted, span, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

type Content = { text?: string; html?: string };

export type DemoCustomer = {
  lang: Lang;
  female: boolean;
  first: string;
  name: string;
  email: string;
  phone?: string;
  externalId?: string;
  attributes: { plan: Plan; country: string; orders: number; lifetimeValue: number; vip: boolean };
  /** How long before their first conversation they became a customer. */
  sinceBefore: number;
};

type Changes = { team?: TeamName; tags?: string[]; priority?: Priority; assignee?: StaffKey; status?: Status; snoozedUntil?: number };
export type DemoStep =
  | { at: number; kind: "incoming"; content: Content }
  | { at: number; kind: "reply" | "note"; by: StaffKey; content: Content }
  | { at: number; kind: "update"; by: StaffKey; changes: Changes };

export type DemoConversation = {
  customer: number;
  channel: Channel;
  topic: Topic;
  lang: Lang;
  at: number;
  subject?: string;
  opening: Content;
  status: Status;
  assignee: StaffKey | null;
  steps: DemoStep[];
};

export type DemoPlan = { now: number; customers: DemoCustomer[]; conversations: DemoConversation[] };

const fill = (s: string, vars: Record<string, string>, female: boolean) =>
  s.replace(/\[([^|\]]*)\|([^\]]*)\]/g, (_, m: string, f: string) => (female ? f : m)).replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`);

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const ASCII: Record<string, string> = { ł: "l", ø: "o", æ: "ae", å: "aa", ß: "ss" };
const asciiOf = (s: string) =>
  s.toLowerCase().replace(/[łøæåß]/g, (ch) => ASCII[ch]).normalize("NFD").replace(/[^a-z]/g, "");

function planCustomers(r: Rng, n: number): DemoCustomer[] {
  const langs: [Lang, number][] = [["en", 46], ["da", 12], ["pl", 12], ["de", 10], ["sk", 8], ["es", 7], ["fr", 5]];
  const domains = ["example.com", "example.org", "example.net", "mail.example", "post.example"];
  const emails = new Set<string>();
  const phones = new Set<string>();
  return Array.from({ length: n }, (_, i) => {
    const lang = r.weighted(langs);
    const p = PEOPLE[lang];
    const female = r.chance(0.52);
    const first = r.pick(female ? p.female : p.male);
    const [lastM, lastF] = r.pick(p.last);
    const last = female ? lastF : lastM;
    const name = `${first} ${last}`;
    const [f, l] = [asciiOf(first), asciiOf(last)];
    let local = r.weighted([[`${f}.${l}`, 5], [`${f}${l}`, 2], [`${f[0]}${l}`, 2], [`${f}.${l}${10 + Math.floor(r.next() * 89)}`, 2]] as const);
    const domain = r.pick(domains);
    while (emails.has(`${local}@${domain}`)) local = `${local}${Math.floor(r.next() * 10)}`;
    const email = `${local}@${domain}`;
    emails.add(email);

    let country = p.country;
    let dial = p.dial;
    let shape = p.phone;
    if (lang === "en") {
      const c = r.weighted([["GB", 70], ["US", 20], ["IE", 10]] as const);
      if (c === "US") [country, dial, shape] = ["US", "1", "### ### ####"];
      if (c === "IE") [country, dial, shape] = ["IE", "353", "8# ### ####"];
    }
    let phone: string | undefined;
    if (r.chance(0.45)) {
      do phone = `+${dial} ${shape.replace(/#/g, () => String(Math.floor(r.next() * 10)))}`;
      while (phones.has(phone));
      phones.add(phone);
    }
    const externalId = r.chance(0.3) ? `C-${100200 + i * 13}` : undefined;
    const plan = r.weighted([["free", 35], ["plus", 45], ["premium", 20]] as const);
    const orders = 1 + Math.floor(r.next() ** 2.2 * (plan === "premium" ? 60 : 35));
    const lifetimeValue = Math.round(orders * (22 + r.next() * 70) * 100) / 100;
    const vip = lifetimeValue > 1500 || orders >= 30;
    const sinceBefore = orders > 1 ? (20 + r.next() * 600) * DAY : r.next() * 2 * HOUR;
    return { lang, female, first, name, email, phone, externalId, attributes: { plan, country, orders, lifetimeValue, vip }, sinceBefore };
  });
}

/** How far the inbox has got with a conversation that started `age` days ago. */
function statusFor(r: Rng, age: number): Status {
  const w: [Status, number][] =
    age < 1 ? [["open", 82], ["pending", 9], ["snoozed", 2], ["resolved", 7], ["closed", 0]]
    : age < 3 ? [["open", 70], ["pending", 12], ["snoozed", 10], ["resolved", 11], ["closed", 1]]
    : age < 7 ? [["open", 55], ["pending", 11], ["snoozed", 12], ["resolved", 21], ["closed", 5]]
    : age < 14 ? [["open", 35], ["pending", 7], ["snoozed", 4], ["resolved", 37], ["closed", 17]]
    : [["open", 18], ["pending", 3], ["snoozed", 2], ["resolved", 47], ["closed", 30]];
  return r.weighted(w);
}

const CHANNELS: [Channel, number][] = [["email", 34], ["chat", 24], ["whatsapp", 11], ["api", 11], ["phone", 8], ["sms", 6], ["social", 6]];

export function planDemo(opts: { now: number; customers: number; conversations: number; seed?: number }): DemoPlan {
  const r = prng(opts.seed ?? SEED);
  const now = opts.now;
  const customers = planCustomers(r, opts.customers);

  // One conversation per customer (as far as they go), then returning customers write again on other channels.
  const owners: number[] = Array.from({ length: Math.min(opts.customers, opts.conversations) }, (_, i) => i);
  const extra = opts.conversations - owners.length;
  if (extra > 0 && customers.length) {
    const shuffled = [...customers.keys()];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(r.next() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const pool = shuffled.slice(0, Math.max(3, Math.round(extra * 0.55)));
    for (let i = 0; i < extra; i++) owners.push(r.pick(pool));
  }

  const starts = new Map<number, number[]>();
  const used = new Map<number, Channel[]>();
  const convs = owners.map((ci) => {
    const c = customers[ci];
    // Start time: skewed to the last days; few customers write between midnight and 6.
    let at = 0;
    for (let tries = 0; tries < 12; tries++) {
      // Jittered floor: conversations clamped to "just now" must not share a start time.
      at = now - Math.max(8 * MINUTE + r.next() * 20 * MINUTE, 30 * DAY * r.next() ** 1.8);
      const hour = new Date(at).getUTCHours();
      if (hour < 6 && r.chance(0.75) && at + 8 * HOUR < now - 8 * MINUTE) at += 8 * HOUR;
      if (!(starts.get(ci) ?? []).some((t) => Math.abs(t - at) < DAY)) break;
    }
    starts.set(ci, [...(starts.get(ci) ?? []), at]);

    const available = CHANNELS.filter(([ch]) => {
      if (["phone", "sms", "whatsapp"].includes(ch) && !c.phone) return false;
      if (ch === "api" && !c.externalId) return false;
      return true;
    });
    const fresh = available.filter(([ch]) => !(used.get(ci) ?? []).includes(ch));
    const channel = r.weighted(fresh.length ? fresh : available);
    used.set(ci, [...(used.get(ci) ?? []), channel]);

    const topics = (Object.keys(SCRIPTS[c.lang]) as Topic[]).filter((t) => c.attributes.plan !== "free" || (t !== "billing" && t !== "cancel"));
    const topic = r.pick(topics);
    return planConversation(r, now, customers, ci, at, channel, topic);
  });
  // Created in the order they happened, so conversation numbers grow with time.
  convs.sort((a, b) => a.at - b.at);
  return { now, customers, conversations: convs };
}

function planConversation(r: Rng, now: number, customers: DemoCustomer[], ci: number, at: number, channel: Channel, topic: Topic): DemoConversation {
  const c = customers[ci];
  const lang = c.lang;
  const script = SCRIPTS[lang][topic] as Script;
  const plan = PLANS[c.attributes.plan === "free" ? "plus" : c.attributes.plan];
  const order = `NW-${Math.floor(600_000 - ((now - at) / DAY) * 420 - r.next() * 2000)}`;
  const product = r.pick(PRODUCTS);
  const vars = { name: c.first, order, product, aProduct: `${/^[aeiou]/.test(product) ? "an" : "a"} ${product}`, plan: plan.label, amount: plan.price, orders: String(c.attributes.orders), ltv: c.attributes.lifetimeValue.toFixed(0) };
  const say = (s: string) => fill(s, vars, c.female);
  const age = (now - at) / DAY;
  const status = statusFor(r, age);
  const vip = c.attributes.vip;
  const email = channel === "email";
  const { team, tags } = TOPICS[topic];

  // The customer's first message: emails are signed, and some arrive as HTML.
  const opening = say(script.opening);
  let first: Content;
  if (email && r.chance(0.4)) {
    first = { html: `<div><p>${esc(opening)}</p><p>${esc(CUSTOMER_SIGN_OFF[lang])}<br><strong>${esc(c.name)}</strong>${c.phone ? `<br><span style="color:#6b7280">${esc(c.phone)}</span>` : ""}</p></div>` };
  } else if (email && r.chance(0.6)) {
    first = { text: `${opening}\n\n${CUSTOMER_SIGN_OFF[lang]}\n${c.name}` };
  } else {
    first = { text: opening };
  }

  const priority = r.weighted<Priority>(vip ? [["normal", 45], ["high", 35], ["urgent", 15], ["low", 5]] : [["normal", 72], ["high", 14], ["urgent", 4], ["low", 10]]);
  const recent = age < 0.15;
  const triaged = status !== "open" || !(recent && r.chance(0.7));
  const unassigned = status === "open" && (!triaged || r.chance(age < 1 ? 0.4 : 0.12));
  const speaker = STAFF.find((s) => s.key !== "dana" && s.langs.includes(lang) && lang !== "en")?.key;

  let assignee: StaffKey | null = null;
  if (!unassigned) {
    // The owner takes the VIPs and the fires, and helps out in Billing.
    if ((vip || priority === "urgent" || priority === "high") && r.chance(0.5)) assignee = "dana";
    else if (speaker && r.chance(0.85)) assignee = speaker;
    else assignee = r.pick(TEAMS[team]);
  }
  const router: StaffKey = assignee === "marek" ? "sofie" : "marek";

  const steps: DemoStep[] = [];
  let t = at;
  const after = (lo: number, hi: number) => (t += r.span(lo, hi) * MINUTE);
  const mention = (author: StaffKey, prefer: StaffKey[] = []) => {
    const candidates = prefer.filter((k) => k !== author);
    const mate = candidates.length ? r.pick(candidates) : r.pick(STAFF.filter((s) => s.key !== author)).key;
    const s = staff(mate);
    return mate === "dana" || r.chance(0.5) ? `@${s.name}` : `@${s.email.split("@")[0]}`;
  };
  const note = (by: StaffKey, text: string, lo = 2, hi = 40) =>
    steps.push({ at: after(lo, hi), kind: "note", by, content: { text } });

  if (triaged) {
    steps.push({
      at: after(2, 25), kind: "update", by: router,
      changes: { team, tags: vip ? [...tags, "vip"] : tags, ...(priority !== "normal" ? { priority } : {}), ...(assignee ? { assignee } : {}) },
    });
  }
  if (assignee && vip && assignee !== "dana" && r.chance(0.5)) {
    note(router, VIP_NOTE.replace("{mate}", mention(router, ["dana"]).slice(1)).replace(/\{(\w+)\}/g, (_, k: string) => (vars as Record<string, string>)[k] ?? ""));
  }
  // A teammate who speaks the customer's language takes over.
  if (assignee && speaker && assignee !== speaker && !staff(assignee).langs.includes(lang)) {
    note(assignee, HANDOVER_NOTE.replace("{mate}", staff(speaker).name).replace("{language}", LANGUAGE_NAME[lang]), 5, 60);
    steps.push({ at: after(3, 45), kind: "update", by: speaker === "marek" ? "sofie" : "marek", changes: { assignee: speaker } });
    assignee = speaker;
  }

  const agent = assignee;
  const replyContent = (text: string): Content => {
    if (!agent) return { text };
    const who = staff(agent).name;
    if (email && r.chance(0.5)) {
      const mentionsOrder = text.includes(order) || script.opening.includes("{order}");
      const box = mentionsOrder
        ? `<table cellpadding="6" style="border: 1px solid #e5e7eb"><tr><th align="left">${ORDER_LABELS[lang].order}:</th> <td>${order}</td></tr> <tr><th align="left">${ORDER_LABELS[lang].status}:</th> <td>${esc(ORDER_LABELS[lang].statusText)}</td></tr></table>`
        : "";
      return { html: `<p>${esc(text)}</p>${box}<p>${esc(AGENT_SIGN_OFF[lang])}<br><strong>${esc(who)}</strong><br><span style="color:#6b7280">Northwind Support</span></p>` };
    }
    if (email) return { text: `${text}\n\n${AGENT_SIGN_OFF[lang]}\n${who.split(" ")[0]}\nNorthwind Support` };
    return { text };
  };
  const reply = (text: string, lo = 8, hi = 300) => steps.push({ at: after(lo, hi), kind: "reply", by: agent as StaffKey, content: replyContent(say(text)) });
  const incoming = (text: string, lo = 20, hi = 1200, quote?: string) => {
    const body = say(text);
    const content: Content =
      email && quote && r.chance(0.35) ? { html: `<p>${esc(body)}</p><blockquote>${esc(quote.slice(0, 180))}${quote.length > 180 ? "…" : ""}</blockquote>` } : { text: body };
    steps.push({ at: after(lo, hi), kind: "incoming", content });
  };
  const topicNote = (p: number) => {
    if (!agent || !r.chance(p)) return;
    const text = r.pick(NOTES[topic]);
    const m = text.includes("{mate}") ? mention(agent, TEAMS[team]).slice(1) : "";
    note(agent, text.replace("{mate}", m).replace(/\{(\w+)\}/g, (_, k: string) => (vars as Record<string, string>)[k] ?? ""));
  };
  const replyText = say(script.reply);

  if (status === "open") {
    if (!agent) {
      if (channel !== "email" && channel !== "phone" && r.chance(0.3)) incoming(r.pick(NUDGE[lang]), 10, 240);
    } else if (r.chance(0.35)) {
      topicNote(0.25);
    } else {
      topicNote(0.3);
      reply(script.reply);
      incoming(script.reply2 ? (script.followUp as string) : r.pick(ASK_AGAIN[lang]), 20, 1200, replyText);
    }
  } else {
    topicNote(0.35);
    reply(script.reply);
    if (status === "resolved" || status === "closed") {
      if (script.followUp && r.chance(0.6)) {
        incoming(script.followUp, 20, 1200, replyText);
        if (script.reply2) {
          reply(script.reply2, 8, 240);
          if (r.chance(0.3)) incoming(r.pick(THANKS[lang]), 5, 300);
        }
      } else if (r.chance(0.4)) {
        incoming(r.pick(THANKS[lang]), 10, 600);
      }
    }
    if (status === "snoozed" && r.chance(0.5)) note(agent as StaffKey, SNOOZE_NOTE, 1, 5);
    // The status changes with the last message ("send and resolve"), so the last activity is the last message.
    const changes: Changes = { status, ...(status === "snoozed" ? { snoozedUntil: now + (0.5 + r.next() * 3.5) * DAY } : {}) };
    steps.push({ at: t, kind: "update", by: agent as StaffKey, changes });
  }

  // Nothing happens in the future: squeeze a recent conversation's history into part of the time it has had.
  const last = steps.length ? steps[steps.length - 1].at : at;
  if (last > now - MINUTE) {
    const end = at + (now - MINUTE - at) * (0.25 + 0.75 * r.next());
    const k = (end - at) / (last - at);
    for (const s of steps) s.at = at + (s.at - at) * k;
  }
  return {
    customer: ci, channel, topic, lang, at,
    subject: email || channel === "api" ? say(script.subject) : undefined,
    opening: first, status, assignee, steps,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Writing the plan through the real use-cases

const identityFor = (c: DemoCustomer, channel: Channel): IdentityClaim => {
  if ((channel === "phone" || channel === "sms" || channel === "whatsapp") && c.phone) return { kind: "phone", value: `+${c.phone.replace(/\D/g, "")}` };
  if (channel === "api" && c.externalId) return { kind: "external", value: c.externalId };
  return { kind: "email", value: c.email };
};

/**
 * Fills a demo account ("Northwind Support") with agents, teams, customers and conversations in seven
 * languages across every channel, with replies, notes, @mentions, notifications and a trail, spread over
 * the last 30 days. Everything goes through the real use-cases (search vectors, previews, counts, events);
 * afterwards each step gets the time it "happened". Idempotent: a second call finds the demo owner and
 * changes nothing. A run that was interrupted (Ctrl-C during the first `npm run demo`) is removed and redone.
 */
export async function seedDemo(
  db: Db,
  opts: { conversations?: number; customers?: number; now?: number; box?: CryptoBox } = {},
): Promise<string> {
  const started = Date.now();
  const now = opts.now ?? started;
  const plan = planDemo({ now, customers: opts.customers ?? 300, conversations: opts.conversations ?? 400 });

  // One connection for the whole seed, holding a session lock: a second seeder waits for nothing and
  // writes nothing, and the lock goes away with the connection if this process dies.
  const pool = (db as unknown as { $client?: pg.Pool }).$client;
  const client = pool && typeof pool.connect === "function" ? await pool.connect() : null;
  const conn = client ? (drizzle(client, { schema }) as unknown as Db) : db;
  try {
    const lock = await conn.execute(sql`SELECT pg_try_advisory_lock(hashtext(${LOCK})) AS ok`);
    if (!(lock.rows[0] as { ok: boolean }).ok) return `The demo account "${DEMO_ACCOUNT}" is being created by another process right now.`;
    try {
      return await seedLocked(conn, plan, started, opts.box);
    } finally {
      await conn.execute(sql`SELECT pg_advisory_unlock(hashtext(${LOCK}))`);
    }
  } finally {
    client?.release();
  }
}

const LOCK = "rapport.demo-seed";
const BATCH = 100;

async function seedLocked(db: Db, plan: DemoPlan, started: number, box?: CryptoBox): Promise<string> {
  const setup = await db.transaction(async (tx) => {
    const found = await tx.execute(sql`
      SELECT u.account_id, u.password_hash IS NOT NULL AS done, a.name FROM users u JOIN accounts a ON a.id = u.account_id
      WHERE lower(u.email) = ${DEMO_EMAIL}`);
    const row = found.rows[0] as { account_id: string; done: boolean; name: string } | undefined;
    if (row && (row.done || row.name !== DEMO_ACCOUNT)) return null;
    // The demo owner gets a password only at the very end: without one, an earlier run was interrupted.
    if (row) await removeAccount(tx, row.account_id);
    return writeSetup(tx, plan);
  });
  if (!setup) return `The demo account "${DEMO_ACCOUNT}" is already there. Sign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD}.`;

  for (let i = 0; i < plan.conversations.length; i += BATCH) {
    await db.transaction((tx) => writeConversations(tx, setup, plan, plan.conversations.slice(i, i + BATCH)));
  }
  // Upset customers in five languages (read by the language engine, one handed over, one follow-up), before finish() dates the lists.
  await seedUpsetConversations(db, { actor: (k) => setup.actors.get(k as StaffKey) as Actor, now: plan.now });
  await analyzeHistory(db, setup.accountId);
  await db.transaction((tx) => finish(tx, setup, plan));
  const knowledge = await seedArticles(db, { author: setup.actors.get("dana") as Actor, owners: [...setup.actors.values()] });
  // The chat inbox's identity secret is sealed with the instance key, so it needs the app's CryptoBox.
  const chat = box ? await seedChatInbox(db, { owner: setup.actors.get("dana") as Actor, box }) : null;
  const { accountId } = setup;

  // The relay would otherwise push thousands of stale events to browsers: mark them as relayed.
  await db.execute(sql`
    UPDATE outbox_cursor o SET txid = e.txid, event_id = e.id
    FROM (SELECT txid, id FROM events WHERE account_id = ${accountId} ORDER BY txid DESC, id DESC LIMIT 1) e
    WHERE o.id = 1 AND (o.txid, o.event_id) < (e.txid, e.id)`);
  await db.execute(sql`ANALYZE customers, customer_identities, conversations, messages, events, notifications`);

  const stats = (await db.execute(sql`
    SELECT (SELECT count(*) FROM messages WHERE account_id = ${accountId})::int AS messages,
      (SELECT count(*) FROM messages WHERE account_id = ${accountId} AND kind = 'note')::int AS notes,
      (SELECT count(*) FROM events WHERE account_id = ${accountId})::int AS events`)).rows[0] as { messages: number; notes: number; events: number };
  const tally = <K extends string>(xs: K[]) => {
    const m = new Map<K, number>();
    for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ");
  };
  const convs = plan.conversations;
  const others = STAFF.filter((s) => s.key !== "dana").map((s) => `${s.email} (${s.role})`);
  return [
    `Demo account "${DEMO_ACCOUNT}" is ready (seeded in ${((Date.now() - started) / 1000).toFixed(1)} s):`,
    `  ${STAFF.length} agents, 3 teams (${Object.keys(TEAMS).join(", ")}), ${plan.customers.length} customers,`,
    `  ${convs.length} conversations with ${stats.messages} messages (${stats.notes} private notes) and ${stats.events} trail events over the last 30 days`,
    `  status: ${tally(convs.map((c) => c.status))}`,
    `  channels: ${tally(convs.map((c) => c.channel))}`,
    `  languages: ${tally(convs.map((c) => c.lang))}`,
    `  and ${UPSET_DEMO.length} upset customers in the last hours (${UPSET_DEMO.map((u) => u.lang).join(", ")}), one with a hand-off summary, one with a follow-up`,
    `  knowledge base: ${knowledge.articles} articles in ${knowledge.translations} translations; public help center at /help/northwind-support`,
    ...(chat ? ["  website chat: its widget opens from the help center's \"Talk to a person\" (snippet under Inboxes and chat)"] : []),
    `Sign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD} (owner, ${staff("dana").name}).`,
    `The other agents use the same password: ${others.join(", ")}.`,
  ].join("\n");
}

type Setup = { accountId: string; passwordHash: string; actors: Map<StaffKey, Actor>; teamIds: Map<TeamName, string>; customerIds: string[] };

async function removeAccount(tx: Tx, accountId: string) {
  // Tables without a foreign key to the account first; the rest cascades.
  await tx.execute(sql`DELETE FROM events WHERE account_id = ${accountId}`);
  await tx.execute(sql`DELETE FROM jobs WHERE account_id = ${accountId}`);
  await tx.execute(sql`DELETE FROM idempotency_keys WHERE account_id = ${accountId}`);
  await tx.execute(sql`DELETE FROM accounts WHERE id = ${accountId}`);
}

async function writeSetup(tx: Tx, plan: DemoPlan): Promise<Setup> {
  const { account, user: owner } = await createAccount({
    tx, input: { accountName: DEMO_ACCOUNT, name: staff("dana").name, email: DEMO_EMAIL, password: DEMO_PASSWORD },
  });
  const accountId = account.id;
  const ownerActor: Actor = { accountId, userId: owner.id, name: owner.name, role: "owner", via: "session" };
  const actors = new Map<StaffKey, Actor>([["dana", ownerActor]]);
  for (const s of STAFF.filter((x) => x.key !== "dana")) {
    const { user } = await createUser({ tx, actor: ownerActor, accountId, input: { name: s.name, email: s.email, role: s.role } });
    actors.set(s.key, { accountId, userId: user.id, name: user.name, role: s.role, via: "session" });
  }
  // scrypt is slow on purpose: the owner's hash is made once and given to everyone when the seed completes.
  await tx.execute(sql`UPDATE users SET password_hash = NULL, invite_token_hash = NULL WHERE account_id = ${accountId}`);
  const teamIds = new Map<TeamName, string>();
  for (const [name, members] of Object.entries(TEAMS) as [TeamName, StaffKey[]][]) {
    const team = await createTeam({ tx, actor: ownerActor, input: { name, memberIds: members.map((k) => (actors.get(k) as Actor).userId) } });
    teamIds.set(name, team.id);
  }
  const customerIds: string[] = [];
  for (const c of plan.customers) {
    customerIds.push(
      await createCustomer({ tx, actor: ownerActor, input: { name: c.name, email: c.email, phone: c.phone, externalId: c.externalId, attributes: c.attributes } }),
    );
  }
  return { accountId, passwordHash: owner.passwordHash as string, actors, teamIds, customerIds };
}

async function writeConversations(tx: Tx, setup: Setup, plan: DemoPlan, convs: DemoConversation[]) {
  const { accountId, teamIds, customerIds } = setup;
  const actor = (k: StaffKey) => setup.actors.get(k) as Actor;
  // Rows a use-case writes carry the transaction's now(); each step then gets the time it happened: its
  // events, its message and the notifications it sent (assignments and mentions).
  const stamp = (conversationId: string, step: DemoStep) => {
    const t = new Date(step.at).toISOString();
    const message = step.kind !== "update";
    const notifies = step.kind === "note" || (step.kind === "update" && step.changes.assignee !== undefined);
    return tx.execute(sql`
      WITH e AS (UPDATE events SET created_at = ${t} WHERE conversation_id = ${conversationId} AND created_at = now() RETURNING 1)
        ${message ? sql`, m AS (UPDATE messages SET created_at = ${t} WHERE conversation_id = ${conversationId} AND created_at = now() RETURNING 1)` : sql``}
        ${notifies ? sql`, n AS (UPDATE notifications SET created_at = ${t} WHERE account_id = ${accountId} AND conversation_id = ${conversationId} AND created_at = now() RETURNING 1)` : sql``}
      SELECT count(*) AS n FROM e`);
  };
  for (const conv of convs) {
    const c = plan.customers[conv.customer];
    const customerId = customerIds[conv.customer];
    const { conversationId } = await createConversation({
      db: tx, accountId, actor: { type: "customer", id: customerId }, channel: conv.channel,
      customer: { identities: [identityFor(c, conv.channel)], name: c.name },
      subject: conv.subject, language: conv.lang, message: conv.opening, at: new Date(conv.at),
    });
    for (const step of conv.steps) {
      if (step.kind === "incoming") {
        await receiveMessage({ db: tx, actor: actor("dana"), conversationId, content: step.content });
      } else if (step.kind === "update") {
        const ch = step.changes;
        await updateConversation({
          tx, actor: actor(step.by), id: conversationId,
          changes: {
            ...(ch.team ? { teamId: teamIds.get(ch.team) } : {}),
            ...(ch.tags ? { tags: ch.tags } : {}),
            ...(ch.priority ? { priority: ch.priority } : {}),
            ...(ch.assignee ? { assigneeId: actor(ch.assignee).userId } : {}),
            ...(ch.status ? { status: ch.status } : {}),
            ...(ch.snoozedUntil ? { snoozedUntil: new Date(ch.snoozedUntil).toISOString() } : {}),
          },
        });
      } else {
        await postMessage({ tx, actor: actor(step.by), conversationId, kind: step.kind, content: step.content });
      }
      await stamp(conversationId, step);
    }
  }
}

/** Events that background work derives from a conversation; they are not its activity (last_activity_at). */
export const DERIVED_EVENTS = ["message.analyzed", "handoff.summarized", "follow_up.reminded"];

/**
 * The language engine reads the demo's customer messages now (the relay never sees the seeded events: they
 * are marked relayed), and what it read is dated with the message, as if it had run on arrival.
 */
async function analyzeHistory(db: Db, accountId: string) {
  const res = await db.execute(sql`
    SELECT id FROM messages WHERE account_id = ${accountId} AND kind = 'incoming' AND analysis IS NULL ORDER BY created_at`);
  const ids = (res.rows as { id: string }[]).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) await analyzeMessages(db, ids.slice(i, i + 500));
  await db.execute(sql`
    UPDATE events e SET created_at = m.created_at FROM messages m
    WHERE e.account_id = ${accountId} AND e.type = 'message.analyzed' AND m.id = (e.data->>'messageId')::uuid`);
}

async function finish(tx: Tx, setup: Setup, plan: DemoPlan) {
  const { accountId, customerIds } = setup;
  const { now } = plan;
  // The list fields follow the stamped history, as the use-cases keep them live: the last activity is the
  // last message or change (a status change goes with the last message; triage can come after it).
  await tx.execute(sql`
    UPDATE conversations c SET last_message_at = m.last, last_activity_at = greatest(m.last, e.last), updated_at = greatest(m.last, e.last)
    FROM (SELECT conversation_id, max(created_at) AS last FROM messages WHERE account_id = ${accountId} GROUP BY 1) m
    JOIN (SELECT conversation_id, max(created_at) AS last FROM events
          -- What the engine and background jobs derived is not the conversation's activity.
          WHERE account_id = ${accountId} AND conversation_id IS NOT NULL AND type NOT IN (${sql.join(DERIVED_EVENTS.map((t) => sql`${t}`), sql`, `)}) GROUP BY 1) e
      ON e.conversation_id = m.conversation_id
    WHERE c.id = m.conversation_id`);
  // A realistic bell: the last day's notifications and recent mentions unread, older ones read soon after they came.
  await tx.execute(sql`
    UPDATE notifications SET read_at = CASE
      WHEN created_at > ${new Date(now - DAY).toISOString()}::timestamptz
        OR (type = 'mention' AND created_at > ${new Date(now - 3 * DAY).toISOString()}::timestamptz) THEN NULL
      ELSE created_at + interval '17 minutes' END
    WHERE account_id = ${accountId}`);
  await tx.execute(sql`
    UPDATE events e SET created_at = n.created_at FROM notifications n
    WHERE e.account_id = ${accountId} AND e.type = 'notification.created' AND n.id = (e.data->>'notificationId')::uuid`);

  // Customers were customers before they wrote to us; the team has been around for two years.
  const firstContact = new Map<number, number>();
  for (const conv of plan.conversations) firstContact.set(conv.customer, Math.min(firstContact.get(conv.customer) ?? conv.at, conv.at));
  const since = plan.customers.map((c, i) => new Date((firstContact.get(i) ?? now - 40 * DAY) - c.sinceBefore).toISOString());
  await tx.execute(sql`
    UPDATE customers c SET created_at = v.t, updated_at = v.t
    FROM unnest(${sql.param(customerIds)}::uuid[], ${sql.param(since)}::timestamptz[]) AS v(id, t) WHERE c.id = v.id`);
  // Identities keep the order they were added in (the first email and phone are the customer's own).
  await tx.execute(sql`
    UPDATE customer_identities i SET created_at = c.created_at + x.n * interval '1 second'
    FROM (SELECT id, customer_id, row_number() OVER (PARTITION BY customer_id ORDER BY created_at, id) AS n
          FROM customer_identities WHERE account_id = ${accountId}) x
    JOIN customers c ON c.id = x.customer_id
    WHERE i.id = x.id`);
  await tx.execute(sql`
    UPDATE events e SET created_at = c.created_at FROM customers c
    WHERE e.account_id = ${accountId} AND e.type = 'customer.created' AND c.id = (e.data->>'customerId')::uuid`);
  const founded = new Date(now - 730 * DAY).toISOString();
  await tx.execute(sql`UPDATE accounts SET created_at = ${founded} WHERE id = ${accountId}`);
  await tx.execute(sql`
    UPDATE users u SET created_at = ${founded}::timestamptz + x.n * interval '9 days'
    FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) - 1 AS n FROM users WHERE account_id = ${accountId}) x
    WHERE u.id = x.id`);
  await tx.execute(sql`UPDATE teams SET created_at = ${founded}::timestamptz + interval '70 days' WHERE account_id = ${accountId}`);
  await tx.execute(sql`UPDATE team_members SET created_at = ${founded}::timestamptz + interval '70 days' WHERE account_id = ${accountId}`);
  await tx.execute(sql`
    UPDATE events e SET created_at = CASE e.type
      WHEN 'account.created' THEN ${founded}::timestamptz
      WHEN 'user.created' THEN coalesce((SELECT u.created_at FROM users u WHERE u.id = (e.data->>'userId')::uuid), ${founded}::timestamptz)
      ELSE ${founded}::timestamptz + interval '70 days' END
    WHERE e.account_id = ${accountId} AND e.conversation_id IS NULL AND e.type IN ('account.created', 'user.created', 'team.created', 'team.member_added')`);
  // Last: with passwords, the demo is complete and everyone can sign in.
  await tx.execute(sql`UPDATE users SET password_hash = ${setup.passwordHash} WHERE account_id = ${accountId}`);
}
