import { sql } from "drizzle-orm";
import { actorOf } from "../factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedArticles } from "../../src/server/demo/articles";
import { sendMail, sendRaw, startEmailApp, startSmtpSink, waitFor } from "../helpers/email";

type App = Awaited<ReturnType<typeof startEmailApp>>;
let t: App;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;


beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startEmailApp({ PUBLIC_URL: "https://support.northwind.test" });
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
    expect(mail.mail.text).toMatch(/https:\/\/support\.northwind\.test\/help\/[\w-]+\/en\/articles\/download-invoice/);
    // Automatic mail (RFC 3834), like the acknowledgement: no auto-responder answers it.
    expect(mail.mail.headers.get("auto-submitted")).toBe("auto-replied");
    expect(mail.mail.inReplyTo).toBe(sent.messageId);
    // The sink has the mail a moment before the delivery job records it as sent.
    const rows = await waitFor(
      async () => {
        const r = (
          await t.app.ctx.db.execute(sql`
          SELECT a.outcome, m.sender, m.delivery_status FROM ai_answers a JOIN messages m ON m.id = a.answer_message_id`)
        ).rows;
        return r.length && (r[0] as { delivery_status: string }).delivery_status !== "pending" ? r : null;
      },
      10_000,
      "the delivery status",
    );
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

  it("never answers machine mail: auto-replies, list or bulk mail, the null sender", async () => {
    const question = "Where can I download the PDF invoice for my last order?";
    await sendMail(t.smtpPort, {
      from: "ooo@example.com",
      to: "help@northwind.test",
      subject: "Invoice",
      text: question,
      headers: { "Auto-Submitted": "auto-replied" },
    });
    await sendMail(t.smtpPort, {
      from: "news@example.com",
      to: "help@northwind.test",
      subject: "Invoice",
      text: question,
      headers: { "List-Id": "<news.example.com>", Precedence: "bulk" },
    });
    await sendRaw(
      t.smtpPort,
      "",
      ["help@northwind.test"],
      `From: nobody@example.com\r\nTo: help@northwind.test\r\nSubject: Invoice\r\nMessage-ID: <null-1@example.com>\r\n\r\n${question}\r\n`,
    );
    const senders = ["ooo@example.com", "news@example.com", "nobody@example.com"];
    await waitFor(
      async () => {
        const r = await t.app.ctx.db.execute(sql`
          SELECT count(*)::int AS n FROM messages m JOIN customer_identities i ON i.customer_id = m.author_customer_id
          WHERE i.value = ANY(${sql.param(senders)}::text[]) AND m.analysis IS NOT NULL`);
        return (r.rows[0] as { n: number }).n === 3;
      },
      30_000,
      "the three mails analysed",
    );
    await new Promise((r) => setTimeout(r, 2500));
    expect(sink.received.filter((m) => senders.some((a) => m.envelope.to.includes(a)))).toEqual([]);
    const answered = await t.app.ctx.db.execute(sql`
      SELECT count(*)::int AS n FROM ai_answers a JOIN messages m ON m.id = a.question_message_id
        JOIN customer_identities i ON i.customer_id = m.author_customer_id WHERE i.value = ANY(${sql.param(senders)}::text[])`);
    expect((answered.rows[0] as { n: number }).n).toBe(0);
  });

  it("counts its answers against the per-address hourly limit for automatic mail", async () => {
    const accountId = t.a.owner.accountId;
    // The hour's automatic mail to this address (default limit 3) is used up already.
    for (let i = 0; i < 3; i++)
      await t.app.ctx.db.execute(
        sql`INSERT INTO email_auto_log (account_id, address, kind) VALUES (${accountId}, 'busy@example.com', 'sent')`,
      );
    await sendMail(t.smtpPort, {
      from: "busy@example.com",
      to: "help@northwind.test",
      subject: "Invoice",
      text: "Hello, where can I download the PDF invoice for my last order?",
    });
    await sendMail(t.smtpPort, {
      from: "fresh@example.com",
      to: "help@northwind.test",
      subject: "Invoice",
      text: "Hello, where can I download the PDF invoice for my last order?",
    });
    await waitFor(async () => sink.received.find((r) => r.envelope.to.includes("fresh@example.com")), 30_000, "the control answer");
    await new Promise((r) => setTimeout(r, 1500));
    expect(sink.received.filter((m) => m.envelope.to.includes("busy@example.com"))).toEqual([]);
    const log = await t.app.ctx.db.execute(sql`
      SELECT count(*)::int AS n FROM email_auto_log WHERE account_id = ${accountId} AND address = 'fresh@example.com' AND kind = 'sent'`);
    expect((log.rows[0] as { n: number }).n).toBe(1);
  });
});
