import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendMail, sendRaw, startEmailApp, startSmtpSink, waitFor } from "../helpers/email";

type App = Awaited<ReturnType<typeof startEmailApp>>;
type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

/** Rapport's own mail coming back: replies to and bounces of acknowledgements, loop stamps, the hourly limit. */
describe("acknowledgements thread, loop stamps are per mail, the hourly limit holds under concurrency", () => {
  let t: App;
  let sink: Sink;

  const inbound = (messageId: string) =>
    waitFor(async () => {
      const r = await t.app.ctx.db.execute(
        sql`SELECT account_id, status, outcome, conversation_id FROM inbound_emails WHERE message_id_header = ${messageId}`,
      );
      const row = r.rows[0] as { account_id: string; status: string; outcome: string | null; conversation_id: string | null } | undefined;
      return row && row.status !== "received" ? row : null;
    });
  const ackFor = (address: string) =>
    waitFor(async () => sink.received.find((m) => m.envelope.to.includes(address)), 15_000, `the acknowledgement to ${address}`);
  const firstMail = async (from: string, subject: string) => {
    await sendMail(t.smtpPort, {
      from,
      to: "help@acme.test",
      subject,
      text: "hello",
      messageId: `<${subject.replace(/\W/g, "")}@example.com>`,
    });
    return inbound(`${subject.replace(/\W/g, "")}@example.com`);
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startEmailApp({ RAPPORT_EMAIL_AUTO_LIMIT: "3" });
    const smtp = { host: "127.0.0.1", port: sink.port, security: "none" };
    const acknowledgement = { enabled: true, subject: "We got your message", text: "Thanks." };
    await t.createInbox(t.a.admin, { address: "help@acme.test", smtp, acknowledgement });
    await t.createInbox(t.b.admin, { address: "help@globex.test", smtp, acknowledgement });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it("a reply to an acknowledgement lands in its conversation; a forged or foreign id does not", async () => {
    const first = await firstMail("ack-reply@example.com", "Ack me");
    const ack = await ackFor("ack-reply@example.com");
    const ackId = ack.mail.messageId as string;
    expect(ackId).toMatch(new RegExp(`^<rapport-ack\\.${first.conversation_id}\\.[A-Za-z0-9_-]{32}@acme\\.test>$`));
    // The customer answers the acknowledgement, to the inbox address (not the reply address) and without the [#n] token.
    await sendMail(t.smtpPort, {
      from: "ack-reply@example.com",
      to: "help@acme.test",
      subject: "Re: more details",
      text: "Here are more details.",
      messageId: "<ack-answer@example.com>",
      inReplyTo: ackId,
      references: [ackId],
    });
    expect(await inbound("ack-answer@example.com")).toMatchObject({ outcome: "reply-references", conversation_id: first.conversation_id });

    // The same id with another signature, or sent to another account, starts a new conversation.
    const forged = ackId.replace(/\.[A-Za-z0-9_-]{32}@/, `.${"A".repeat(32)}@`);
    await sendMail(t.smtpPort, {
      from: "ack-reply@example.com",
      to: "help@acme.test",
      subject: "Forged",
      text: "x",
      messageId: "<ack-forged@example.com>",
      inReplyTo: forged,
    });
    const f = await inbound("ack-forged@example.com");
    expect(f.outcome).toBe("new-conversation");
    expect(f.conversation_id).not.toBe(first.conversation_id);
    await sendMail(t.smtpPort, {
      from: "ack-reply@example.com",
      to: "help@globex.test",
      subject: "Elsewhere",
      text: "x",
      messageId: "<ack-foreign@example.com>",
      inReplyTo: ackId,
    });
    expect(await inbound("ack-foreign@example.com")).toMatchObject({ account_id: t.b.accountId, outcome: "new-conversation" });
  });

  it("a bounce of an acknowledgement attaches to its conversation", async () => {
    const first = await firstMail("gone-ack@example.com", "Ack bounce");
    const ack = await ackFor("gone-ack@example.com");
    const dsn = [
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>",
      "To: help@acme.test",
      "Subject: Undelivered Mail Returned to Sender",
      "Message-ID: <dsn-ack@mx.example.com>",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
      "",
      "--B",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.example.com",
      "",
      "Final-Recipient: rfc822; gone-ack@example.com",
      "Action: failed",
      "Status: 5.1.1",
      "--B",
      "Content-Type: text/rfc822-headers",
      "",
      `Message-ID: ${ack.mail.messageId}`,
      "--B--",
      "",
    ].join("\r\n");
    await sendRaw(t.smtpPort, "", ["help@acme.test"], dsn);
    expect(await inbound("dsn-ack@mx.example.com")).toMatchObject({
      outcome: "bounce-acknowledgement",
      conversation_id: first.conversation_id,
    });
    const ev = await t.app.ctx.db.execute(
      sql`SELECT data->>'reason' AS reason FROM events WHERE type = 'email.acknowledgement_bounced' AND conversation_id = ${first.conversation_id}`,
    );
    expect(ev.rows).toEqual([{ reason: "Bounced: gone-ack@example.com: 5.1.1" }]);
  });

  it("our own mail coming back is dropped as a loop; a stamp copied onto a fresh mail is not", async () => {
    await firstMail("looper@example.com", "Loop source");
    const ack = await ackFor("looper@example.com");
    const stamp = ack.mail.headers.get("x-rapport-loop") as string;
    expect(stamp).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // A forwarder sends our acknowledgement back to the inbox, From rewritten (so only the stamp can tell).
    const raw = ack.raw.toString("latin1").replace(/^From: .*$/m, "From: forwarder@example.com");
    await sendRaw(t.smtpPort, "forwarder@example.com", ["help@acme.test"], raw);
    const looped = await inbound(ack.mail.messageId?.slice(1, -1) as string);
    expect(looped.outcome).toBe("loop-own-mail");
    // Someone copies that stamp onto a new mail of their own: it is a customer's mail like any other.
    await sendMail(t.smtpPort, {
      from: "copycat@example.com",
      to: "help@acme.test",
      subject: "Copied stamp",
      text: "Please help.",
      messageId: "<copied-stamp@example.com>",
      headers: { "X-Rapport-Loop": stamp },
    });
    expect(await inbound("copied-stamp@example.com")).toMatchObject({ outcome: "new-conversation" });
    // A machine answering our acknowledgement with the stamp copied: recorded as automatic, never acknowledged.
    await sendMail(t.smtpPort, {
      from: "robot@example.com",
      to: "help@acme.test",
      subject: "Ticket received",
      text: "Your mail was received.",
      messageId: "<echo@example.com>",
      inReplyTo: ack.mail.messageId,
      headers: { "X-Rapport-Loop": stamp },
    });
    const echo = await inbound("echo@example.com");
    expect(echo.outcome).toBe("reply-references");
    const m = await t.app.ctx.db.execute(
      sql`SELECT automatic FROM email_messages e JOIN inbound_emails i ON i.id = e.inbound_email_id WHERE i.message_id_header = 'echo@example.com'`,
    );
    expect(m.rows).toEqual([{ automatic: "auto-reply" }]);
  });

  it("acknowledges one address at most N times an hour, also when its mails are processed at once", async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        sendMail(t.smtpPort, { from: "burst@example.com", to: "help@acme.test", subject: `Burst ${i}`, text: "at once" }),
      ),
    );
    await waitFor(async () => {
      const r = await t.app.ctx.db.execute(
        sql`SELECT count(*)::int AS n FROM inbound_emails i JOIN conversations c ON c.id = i.conversation_id WHERE c.subject LIKE 'Burst %'`,
      );
      return (r.rows[0] as { n: number }).n === 8;
    });
    await new Promise((r) => setTimeout(r, 1500));
    const log = await t.app.ctx.db.execute(
      sql`SELECT count(*)::int AS n FROM email_auto_log WHERE address = 'burst@example.com' AND kind = 'sent'`,
    );
    expect(log.rows[0]).toEqual({ n: 3 });
    expect(sink.received.filter((m) => m.envelope.to.includes("burst@example.com"))).toHaveLength(3);
  });
});
