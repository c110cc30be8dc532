import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendMail, sendRaw, startEmailApp, startSmtpSink, waitFor } from "../helpers/email";

type App = Awaited<ReturnType<typeof startEmailApp>>;
type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

describe("email replies, threading both ways, bounces and loop safety", () => {
  let t: App;
  let sink: Sink;
  let refuse = new Set<string>();
  // Greylisting: RCPT to these addresses gets 451 (try again later) as many times as set here, then 250.
  const greylist = new Map<string, number>();
  const rcptAttempts = new Map<string, number>();
  let inboxId: string;

  const convBySubject = (subject: string) =>
    waitFor(
      async () => {
        const r = await t.app.ctx.db.execute(sql`SELECT id, number FROM conversations WHERE subject = ${subject} ORDER BY created_at`);
        return r.rows.length ? (r.rows as { id: string; number: number }[]) : null;
      },
      15_000,
      `conversation "${subject}"`,
    );
  const messages = async (convId: string) =>
    (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${convId}/messages` })).json().items;
  const reply = (convId: string, payload: Record<string, unknown>) =>
    t.as(t.a.agent, { method: "POST", url: `/api/v1/conversations/${convId}/messages`, payload: { kind: "reply", ...payload } });

  beforeAll(async () => {
    sink = await startSmtpSink({
      reject: (rcpt) => {
        const n = (rcptAttempts.get(rcpt) ?? 0) + 1;
        rcptAttempts.set(rcpt, n);
        if (refuse.has(rcpt)) return { code: 550, message: "5.1.1 User unknown" };
        const deferrals = greylist.get(rcpt) ?? 0;
        if (!deferrals) return null;
        greylist.set(rcpt, deferrals - 1);
        return { code: 451, message: "4.7.1 Greylisted, please try again later" };
      },
    });
    t = await startEmailApp();
    ({ id: inboxId } = await t.createInbox(t.a.admin, {
      address: "help@acme.test",
      name: "Acme Help",
      signature: "Acme Help Desk\nhttps://acme.test",
      smtp: { host: "127.0.0.1", port: sink.port, security: "none" },
      acknowledgement: { enabled: true, subject: "We got your message", text: "Thanks, we will answer soon." },
    }));
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it("a reply reaches the customer threaded, from the agent via the inbox, with Reply-To, signature and the Cc the agent chose", async () => {
    const first = await sendMail(t.smtpPort, {
      from: "Ola <ola@example.com>",
      to: "help@acme.test",
      cc: "colleague@example.com",
      subject: "Broken lamp",
      text: "The lamp I bought is broken.",
      messageId: "<lamp-1@example.com>",
    });
    expect(first.accepted).toHaveLength(1);
    const [conv] = await convBySubject("Broken lamp");
    // The acknowledgement went out automatically, marked as automatic.
    const ack = await waitFor(
      async () => sink.received.find((m) => m.mail.subject?.includes("We got your message")),
      15_000,
      "acknowledgement",
    );
    expect(ack.mail.headers.get("auto-submitted")).toBe("auto-replied");
    expect(ack.envelope.to).toEqual(["ola@example.com"]);

    const res = await reply(conv.id, {
      text: "Sorry about the lamp, Ola. A new one is on its way.",
      cc: ["colleague@example.com", "warehouse@example.com"],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().delivery.status).toBe("pending");
    const sent = await waitFor(
      async () => sink.received.find((m) => m.mail.text?.includes("A new one is on its way")),
      15_000,
      "the reply",
    );
    const m = sent.mail;
    expect(m.from?.value[0]).toEqual({ address: "help@acme.test", name: "Acme Agent (Acme Help)" });
    expect(m.replyTo?.value[0].address).toMatch(/^help\+r[a-z2-7]{16}@acme\.test$/);
    expect(m.to && !Array.isArray(m.to) ? m.to.value.map((a) => a.address) : []).toEqual(["ola@example.com"]);
    expect(m.cc && !Array.isArray(m.cc) ? m.cc.value.map((a) => a.address).sort() : []).toEqual([
      "colleague@example.com",
      "warehouse@example.com",
    ]);
    expect(sent.envelope.to.sort()).toEqual(["colleague@example.com", "ola@example.com", "warehouse@example.com"]);
    expect(m.inReplyTo).toBe("<lamp-1@example.com>");
    expect(m.references).toContain("<lamp-1@example.com>");
    expect(m.subject).toBe(`Re: Broken lamp [#${conv.number}]`);
    expect(m.text).toContain("-- \nAcme Help Desk");
    expect(m.text).toContain("> The lamp I bought is broken.");
    const delivered = await waitFor(async () =>
      (await messages(conv.id)).find((x: { delivery: { status: string } | null }) => x.delivery?.status === "sent"),
    );
    expect(delivered.email.cc.map((a: { address: string }) => a.address).sort()).toEqual([
      "colleague@example.com",
      "warehouse@example.com",
    ]);

    // The customer answers the reply: it threads by In-Reply-To, and by the reply address alone.
    await sendMail(t.smtpPort, {
      from: "ola@example.com",
      to: "help@acme.test",
      subject: "Re: Broken lamp",
      text: "Thanks!",
      inReplyTo: m.messageId,
      references: [m.messageId as string],
    });
    await sendMail(t.smtpPort, {
      from: "ola@example.com",
      to: m.replyTo?.value[0].address as string,
      subject: "Another thing",
      text: "Also the plug.",
    });
    await waitFor(async () => ((await messages(conv.id)).length >= 4 ? true : null), 15_000, "both replies threaded");
    const stray = await t.app.ctx.db.execute(sql`SELECT 1 FROM conversations WHERE subject = 'Another thing'`);
    expect(stray.rows).toEqual([]);
  });

  it("a subject token threads only when the sender is on the conversation", async () => {
    await sendMail(t.smtpPort, { from: "kim@example.com", to: "help@acme.test", subject: "Invoice copy", text: "Please send my invoice." });
    const [conv] = await convBySubject("Invoice copy");
    await sendMail(t.smtpPort, {
      from: "kim@example.com",
      to: "help@acme.test",
      subject: `Re: Invoice copy [#${conv.number}]`,
      text: "Still waiting.",
    });
    await sendMail(t.smtpPort, {
      from: "stranger@example.com",
      to: "help@acme.test",
      subject: `Hijack [#${conv.number}]`,
      text: "Let me in.",
    });
    await waitFor(async () => ((await messages(conv.id)).length === 2 ? true : null), 15_000, "the participant's mail threaded");
    const hijack = await convBySubject(`Hijack [#${conv.number}]`);
    expect(hijack[0].id).not.toBe(conv.id);
  });

  it("never threads across accounts", async () => {
    const other = await t.createInbox(t.b.admin, { address: "help@globex.test" });
    expect(other.address).toBe("help@globex.test");
    await sendMail(t.smtpPort, {
      from: "x@example.com",
      to: "help@acme.test",
      subject: "Acme thing",
      text: "a",
      messageId: "<cross-1@example.com>",
    });
    await convBySubject("Acme thing");
    await sendMail(t.smtpPort, {
      from: "x@example.com",
      to: "help@globex.test",
      subject: "Globex thing",
      text: "b",
      inReplyTo: "<cross-1@example.com>",
    });
    const r = await waitFor(async () => {
      const x = await t.app.ctx.db.execute(sql`SELECT account_id FROM conversations WHERE subject = 'Globex thing'`);
      return x.rows[0] as { account_id: string } | undefined;
    });
    expect(r.account_id).toBe(t.b.accountId);
  });

  it("a refused reply shows failed with the server's reason; retry sends it once the address works", async () => {
    await sendMail(t.smtpPort, { from: "gone@example.com", to: "help@acme.test", subject: "Old address", text: "hello" });
    const [conv] = await convBySubject("Old address");
    refuse.add("gone@example.com");
    const res = await reply(conv.id, { text: "Reply to a dead address" });
    const id = res.json().id;
    const failed = await waitFor(async () =>
      (await messages(conv.id)).find(
        (x: { id: string; delivery: { status: string } | null }) => x.id === id && x.delivery?.status === "failed",
      ),
    );
    expect(failed.delivery.error).toContain("User unknown");
    refuse = new Set();
    const retry = await t.as(t.a.agent, { method: "POST", url: `/api/v1/messages/${id}/retry` });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().delivery.status).toBe("pending");
    await waitFor(async () =>
      (await messages(conv.id)).find(
        (x: { id: string; delivery: { status: string } | null }) => x.id === id && x.delivery?.status === "sent",
      ),
    );
    expect((await t.as(t.a.agent, { method: "POST", url: `/api/v1/messages/${id}/retry` })).statusCode).toBe(400);
  });

  it("a reply the server defers with 4xx is retried with backoff and then delivered", async () => {
    await sendMail(t.smtpPort, { from: "grey@example.com", to: "help@acme.test", subject: "Greylisted", text: "hello" });
    const [conv] = await convBySubject("Greylisted");
    await waitFor(async () => sink.received.find((m) => m.envelope.to.includes("grey@example.com")), 15_000, "the acknowledgement");
    const rcptBefore = rcptAttempts.get("grey@example.com") ?? 0;
    greylist.set("grey@example.com", 1);
    const res = await reply(conv.id, { text: "Reply through greylisting" });
    const id = res.json().id;
    const sent = await waitFor(
      async () =>
        (await messages(conv.id)).find(
          (x: { id: string; delivery: { status: string } | null }) => x.id === id && x.delivery?.status === "sent",
        ),
      20_000,
      "delivery after the retry",
    );
    expect(sent.delivery.error).toBeNull();
    const job = await t.app.ctx.db.execute(
      sql`SELECT attempts, status FROM jobs WHERE type = 'message.deliver' AND payload->>'messageId' = ${id}`,
    );
    expect(job.rows).toEqual([{ attempts: 2, status: "done" }]);
    // Two tries at the server: once deferred, once accepted.
    expect((rcptAttempts.get("grey@example.com") ?? 0) - rcptBefore).toBe(2);
    expect(sink.received.filter((m) => m.mail.text?.includes("Reply through greylisting"))).toHaveLength(1);
  });

  it("a bounce marks the reply it is about as failed; auto-replies are recorded and never answered", async () => {
    await sendMail(t.smtpPort, { from: "far@example.com", to: "help@acme.test", subject: "Bounce me", text: "hi" });
    const [conv] = await convBySubject("Bounce me");
    const res = await reply(conv.id, { text: "This will bounce later" });
    const id = res.json().id;
    const sent = await waitFor(async () => sink.received.find((m) => m.mail.text?.includes("This will bounce later")));
    const dsn = [
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>",
      "To: help@acme.test",
      "Subject: Undelivered Mail Returned to Sender",
      "Message-ID: <dsn-1@mx.example.com>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
      "",
      "--B",
      "Content-Type: text/plain",
      "",
      "Your message could not be delivered.",
      "--B",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.example.com",
      "",
      "Final-Recipient: rfc822; far@example.com",
      "Action: failed",
      "Status: 5.1.1",
      "Diagnostic-Code: smtp; 550 5.1.1 mailbox unavailable",
      "--B",
      "Content-Type: text/rfc822-headers",
      "",
      `Message-ID: ${sent.mail.messageId}`,
      "Subject: Re: Bounce me",
      "--B--",
      "",
    ].join("\r\n");
    await sendRaw(t.smtpPort, "", ["help@acme.test"], dsn);
    const failed = await waitFor(async () =>
      (await messages(conv.id)).find(
        (x: { id: string; delivery: { status: string } | null }) => x.id === id && x.delivery?.status === "failed",
      ),
    );
    expect(failed.delivery.error).toContain("mailbox unavailable");
    expect((await messages(conv.id)).length).toBe(2);

    const before = sink.received.length;
    await sendMail(t.smtpPort, {
      from: "ooo@example.com",
      to: "help@acme.test",
      subject: "Out of office: back Monday",
      text: "I am away.",
      headers: { "Auto-Submitted": "auto-replied" },
    });
    const [ooo] = await convBySubject("Out of office: back Monday");
    const msgs = await waitFor(async () => {
      const m = await messages(ooo.id);
      return m.length ? m : null;
    });
    expect(msgs[0].email.automatic).toBe("auto-reply");
    // A later, human mail from the same address gets no acknowledgement either: it auto-replied.
    await sendMail(t.smtpPort, { from: "ooo@example.com", to: "help@acme.test", subject: "Real question", text: "A real question." });
    await convBySubject("Real question");
    await new Promise((r) => setTimeout(r, 1500));
    expect(sink.received.slice(before).filter((m) => m.envelope.to.includes("ooo@example.com"))).toEqual([]);
  });

  it("acknowledges one address at most N times an hour, never lists or the null sender", async () => {
    const before = sink.received.length;
    for (let i = 0; i < 5; i++)
      await sendMail(t.smtpPort, { from: "chatty@example.com", to: "help@acme.test", subject: `Chatty ${i}`, text: "again" });
    await sendMail(t.smtpPort, {
      from: "list@example.com",
      to: "help@acme.test",
      subject: "Newsletter",
      text: "news",
      headers: { "List-Id": "<news.example.com>" },
    });
    await sendRaw(
      t.smtpPort,
      "",
      ["help@acme.test"],
      "From: nobody@example.com\r\nTo: help@acme.test\r\nSubject: Null sender\r\n\r\nhi\r\n",
    );
    await convBySubject("Chatty 4");
    await convBySubject("Newsletter");
    await convBySubject("Null sender");
    await new Promise((r) => setTimeout(r, 1500));
    const acks = sink.received.slice(before).filter((m) => m.mail.headers.get("auto-submitted") === "auto-replied");
    expect(acks.filter((m) => m.envelope.to.includes("chatty@example.com"))).toHaveLength(3);
    expect(acks.filter((m) => m.envelope.to.includes("list@example.com"))).toHaveLength(0);
    // MAIL FROM:<> marks mail no one may answer automatically, whatever its From says.
    expect(sink.received.slice(before).filter((m) => m.envelope.to.includes("nobody@example.com"))).toEqual([]);
    expect(rcptAttempts.get("nobody@example.com")).toBeUndefined();
  });

  it("rejects CR/LF in Cc, subjects and names from the API, and strips them from subjects that arrive by mail", async () => {
    const [conv] = await convBySubject("Broken lamp");
    const bad = await reply(conv.id, { text: "x", cc: ["a@example.com\r\nBcc: evil@example.com"] });
    expect(bad.statusCode).toBe(400);
    const note = await t.as(t.a.agent, {
      method: "POST",
      url: `/api/v1/conversations/${conv.id}/messages`,
      payload: { kind: "note", text: "x", cc: ["a@example.com"] },
    });
    expect(note.statusCode).toBe(400);
    const field = (res: { json: () => { error: { field: string } } }) => res.json().error.field;
    // The acknowledgement's subject, set by an admin, goes into a Subject header.
    const ack = await t.as(t.a.admin, {
      method: "PATCH",
      url: `/api/v1/inboxes/${inboxId}`,
      payload: { acknowledgement: { enabled: true, subject: "Thanks\r\nBcc: evil@example.com", text: "x" } },
    });
    expect(ack.statusCode).toBe(400);
    expect(field(ack)).toBe("body.acknowledgement.subject");
    // An agent's name goes into From.
    for (const name of ["Eve\r\nBcc: evil@example.com", "Eve\nX", "Eve\u0000", "Eve\u001b[31m"]) {
      const user = await t.as(t.a.admin, {
        method: "POST",
        url: "/api/v1/users",
        payload: { name, email: "eve@acme.test", role: "agent" },
      });
      expect(user.statusCode, JSON.stringify(name)).toBe(400);
      expect(field(user)).toBe("body.name");
    }
    // A subject that decodes to CR/LF arrives by mail: the reply carries it on one line, and no Bcc.
    const evil = Buffer.from("Lamp\r\nBcc: evil@example.com").toString("base64");
    await sendRaw(
      t.smtpPort,
      "cr@example.com",
      ["help@acme.test"],
      `From: cr@example.com\r\nTo: help@acme.test\r\nSubject: =?utf-8?B?${evil}?=\r\nMessage-ID: <crlf@example.com>\r\n\r\nhello\r\n`,
    );
    const [crlf] = await convBySubject("Lamp Bcc: evil@example.com");
    const res = await reply(crlf.id, { text: "Answer to the CR/LF subject" });
    expect(res.statusCode).toBe(201);
    const sent = await waitFor(async () => sink.received.find((m) => m.mail.text?.includes("Answer to the CR/LF subject")));
    const head = sent.raw.toString("latin1").split("\r\n\r\n")[0];
    expect(head.match(/^Subject:/gim)).toHaveLength(1);
    expect(head).not.toMatch(/^Bcc:/im);
    expect(sent.mail.subject).toBe(`Re: Lamp Bcc: evil@example.com [#${crlf.number}]`);
    expect(sent.envelope.to).toEqual(["cr@example.com"]);
  });
});
