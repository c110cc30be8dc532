import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/server/actor";
import { seedArticles } from "../../src/server/demo/articles";
import { sendMail, startEmailApp, startSmtpSink, waitFor } from "../helpers/email";

type App = Awaited<ReturnType<typeof startEmailApp>>;
let t: App;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;

const actorOf = (u: App["a"]["owner"]): Actor => ({ accountId: u.accountId, userId: u.id, name: u.name, role: u.role, via: "token" });

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startEmailApp();
  await seedArticles(t.app.ctx.db, { author: actorOf(t.a.owner), owners: [actorOf(t.a.owner)] });
  const inbox = await t.createInbox(t.a.admin, {
    address: "help@northwind.test",
    name: "Northwind Help",
    smtp: { host: "127.0.0.1", port: sink.port, security: "none" },
  });
  const on = await t.as(t.a.admin, { method: "PATCH", url: `/api/v1/inboxes/${inbox.id}/ai-agent`, payload: { enabled: true } });
  expect(on.statusCode).toBe(200);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe("AI answer agent in an email inbox", () => {
  it("answers by email, threaded, citing the article, through the inbox's SMTP server", async () => {
    const sent = await sendMail(t.smtpPort, {
      from: "Ola Nordmann <ola@example.com>",
      to: "help@northwind.test",
      subject: "Invoice",
      text: "Hello, where can I download the PDF invoice for my last order? I need it for my company. Thanks, Ola",
    });
    const mail = await waitFor(
      async () => sink.received.find((r) => r.envelope.to.includes("ola@example.com")),
      30_000,
      "the agent's email",
    );
    expect(mail.mail.text).toContain("Download invoice (PDF)");
    expect(mail.mail.text).toMatch(/\/en\/articles\/download-invoice/);
    expect(mail.mail.inReplyTo).toBe(sent.messageId);
    const rows = (
      await t.app.ctx.db.execute(sql`
      SELECT a.outcome, m.sender, m.delivery_status FROM ai_answers a JOIN messages m ON m.id = a.answer_message_id`)
    ).rows;
    expect(rows).toEqual([{ outcome: "answered", sender: "ai_agent", delivery_status: "sent" }]);
  });

  it("hands an upset email customer to the team, telling them so by email", async () => {
    await sendMail(t.smtpPort, {
      from: "Kari <kari@example.com>",
      to: "help@northwind.test",
      subject: "Complaint",
      text: "This is UNACCEPTABLE!!! I have waited three weeks, nobody answers, I am furious and I want a real person to call me now!",
    });
    const mail = await waitFor(
      async () => sink.received.find((r) => r.envelope.to.includes("kari@example.com")),
      30_000,
      "the hand-off email",
    );
    expect(mail.mail.text).toContain("I'm passing you to a person on our team; they will see everything you wrote here.");
    const r = (await t.app.ctx.db.execute(sql`SELECT outcome, handoff_reason FROM ai_answers WHERE outcome = 'handed_over'`)).rows;
    expect(r).toHaveLength(1);
    expect(["asked_for_human", "emotion"]).toContain((r[0] as { handoff_reason: string }).handoff_reason);
  });
});
