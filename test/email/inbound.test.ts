import net from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAppWithTeam } from "../helpers/app";
import { sendMail, sendRaw, startEmailApp, waitFor } from "../helpers/email";

type App = Awaited<ReturnType<typeof startEmailApp>>;

/** Talks SMTP by hand, to see the receiver's exact answers. */
async function smtpDialog(port: number, lines: string[]): Promise<string[]> {
  const sock = net.connect(port, "127.0.0.1");
  const replies: string[] = [];
  let buf = "";
  let errored: (e: Error) => void = () => {};
  sock.on("error", (e) => errored(e));
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const m = /(^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(buf);
        if (m) {
          const end = m.index + m[0].length;
          const reply = buf.slice(0, end);
          buf = buf.slice(end);
          sock.off("data", onData);
          resolve(reply.trim());
        }
      };
      const onData = (d: Buffer) => {
        buf += d.toString();
        check();
      };
      sock.on("data", onData);
      errored = reject;
      check();
    });
  replies.push(await next());
  for (const l of lines) {
    sock.write(`${l}\r\n`);
    if (l === "DATA_BODY") continue;
    replies.push(await next());
  }
  sock.end();
  return replies;
}

describe("email in through the built-in SMTP receiver", () => {
  let t: App;
  let inbox: { id: string; address: string };
  const conversations = async (accountId: string) =>
    (
      await t.app.ctx.db.execute(
        sql`SELECT id, number, subject, status, customer_id FROM conversations WHERE account_id = ${accountId} ORDER BY created_at`,
      )
    ).rows as { id: string; number: number; subject: string; status: string; customer_id: string }[];

  beforeAll(async () => {
    t = await startEmailApp();
    inbox = await t.createInbox(t.a.admin, { address: "Support@Acme.test", signature: "Acme Support · acme.test" });
  });
  afterAll(() => t?.close());

  it("an admin adds an inbox; passwords are write-only; agents can't; addresses are unique across accounts", async () => {
    expect(inbox.address).toBe("support@acme.test");
    const withImap = await t.as(t.a.admin, {
      method: "POST",
      url: "/api/v1/inboxes",
      payload: {
        channel: "email",
        name: "Sales",
        address: "sales@acme.test",
        imap: { host: "127.0.0.1", port: 1143, security: "none", user: "sales", password: "s3cret" },
      },
    });
    expect(withImap.statusCode).toBe(201);
    expect(withImap.body).not.toContain("s3cret");
    expect(withImap.json().imap).toMatchObject({ host: "127.0.0.1", user: "sales", hasPassword: true });
    const stored = await t.app.ctx.db.execute(sql`SELECT settings::text AS s FROM inboxes WHERE address = 'sales@acme.test'`);
    expect((stored.rows[0] as { s: string }).s).not.toContain("s3cret");

    const dup = await t.as(t.b.admin, {
      method: "POST",
      url: "/api/v1/inboxes",
      payload: { channel: "email", name: "X", address: "support@acme.test" },
    });
    expect(dup.statusCode).toBe(409);
    const agent = await t.as(t.a.agent, {
      method: "POST",
      url: "/api/v1/inboxes",
      payload: { channel: "email", name: "X", address: "x@acme.test" },
    });
    expect(agent.statusCode).toBe(403);
    const bad = await t.as(t.a.admin, {
      method: "POST",
      url: "/api/v1/inboxes",
      payload: { channel: "email", name: "X\r\nBcc: a@b.c", address: "nope" },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(["body.address", "body.name"]);
    const list = await t.as(t.b.admin, { method: "GET", url: "/api/v1/inboxes" });
    expect(list.json().items).toEqual([]);
  });

  it("refuses servers on the instance's own network unless the operator allows them (SSRF)", async () => {
    const strict = await startTestAppWithTeam();
    try {
      for (const [kind, host] of [
        ["imap", "127.0.0.1"],
        ["smtp", "169.254.169.254"],
        ["smtp", "localhost"],
      ] as const) {
        const server = kind === "imap" ? { host, user: "u", password: "p" } : { host };
        const res = await strict.as(strict.a.admin, {
          method: "POST",
          url: "/api/v1/inboxes",
          payload: { channel: "email", name: "X", address: `x-${kind}@acme.test`, [kind]: server },
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.message).toContain("RAPPORT_ALLOW_PRIVATE_HOSTS");
      }
    } finally {
      await strict.close();
    }
  });

  it("a mail to the inbox becomes a conversation with the customer, subject, text and participants", async () => {
    const info = await sendMail(t.smtpPort, {
      from: '"Lena Berg" <Lena@Example.com>',
      to: "support@acme.test",
      cc: "boss@example.com",
      subject: "Parcel never arrived",
      text: "Hi, my order NW-1234 never arrived. Can you help?\n\nLena",
    });
    expect(info.accepted).toEqual(["support@acme.test"]);
    const conv = await waitFor(
      async () => (await conversations(t.a.accountId)).find((c) => c.subject === "Parcel never arrived"),
      15_000,
      "conversation",
    );
    const msgs = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${conv.id}/messages` })).json().items;
    expect(msgs).toHaveLength(1);
    expect(msgs[0].kind).toBe("incoming");
    expect(msgs[0].text).toContain("my order NW-1234 never arrived");
    expect(msgs[0].author.name).toBe("Lena Berg");
    expect(msgs[0].email).toMatchObject({
      from: { address: "lena@example.com", name: "Lena Berg" },
      cc: [{ address: "boss@example.com" }],
    });
    const thread = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${conv.id}/email-thread` })).json();
    expect(thread.to).toEqual([{ name: "Lena Berg", address: "lena@example.com" }]);
    expect(thread.cc).toEqual([{ name: null, address: "boss@example.com" }]);
    expect(thread.replyAddress).toMatch(/^support\+r[a-z2-7]{16}@acme\.test$/);
    const raw = await t.as(t.a.agent, { method: "GET", url: msgs[0].email.rawUrl });
    expect(raw.statusCode).toBe(200);
    expect(raw.headers["content-disposition"]).toContain("attachment");
    expect(raw.body).toContain("Subject: Parcel never arrived");
    // The other account sees none of it.
    expect((await t.as(t.b.agent, { method: "GET", url: `/api/v1/conversations/${conv.id}/messages` })).statusCode).toBe(404);
  });

  it("answers 550 for unknown recipients, 452 past 100 recipients, and enforces SIZE with 552", async () => {
    const r = await smtpDialog(t.smtpPort, [
      "EHLO test",
      "MAIL FROM:<a@example.com>",
      "RCPT TO:<nobody@acme.test>",
      "RCPT TO:<support@acme.test>",
      "QUIT",
    ]);
    expect(r[1]).toMatch(/SIZE \d+/);
    // No certificate configured: no STARTTLS on offer (and never AUTH: this is an MX, not a relay).
    expect(r[1]).not.toMatch(/STARTTLS|AUTH/);
    expect(r[3]).toMatch(/^550 /);
    expect(r[4]).toMatch(/^250 /);
    const many = ["EHLO test", "MAIL FROM:<a@example.com>", ...Array.from({ length: 101 }, () => "RCPT TO:<support@acme.test>"), "QUIT"];
    const m = await smtpDialog(t.smtpPort, many);
    expect(m.slice(3, 103).every((x) => x.startsWith("250"))).toBe(true);
    expect(m[103]).toMatch(/^452 /);

    const small = await startEmailApp({ RAPPORT_SMTP_MAX_SIZE: "20000" });
    try {
      await small.createInbox(small.a.admin, { address: "help@small.test" });
      const big = await sendMail(small.smtpPort, {
        from: "a@example.com",
        to: "help@small.test",
        subject: "big",
        text: "x".repeat(50_000),
      }).catch((e) => e);
      expect(big.responseCode).toBe(552);
      const sized = await smtpDialog(small.smtpPort, ["EHLO test", "MAIL FROM:<a@example.com> SIZE=50000", "QUIT"]);
      expect(sized[2]).toMatch(/^552 /);
      expect((await small.app.ctx.db.execute(sql`SELECT count(*)::int AS n FROM inbound_emails`)).rows[0]).toEqual({ n: 0 });
    } finally {
      await small.close();
    }
  });

  it("stores the same mail once however often it arrives; the same Message-ID with another body is kept and flagged", async () => {
    const raw = (body: string) =>
      `From: Tom <tom@example.com>\r\nTo: support@acme.test\r\nSubject: Duplicate test\r\nMessage-ID: <dup-1@example.com>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\n${body}\r\n`;
    await sendRaw(t.smtpPort, "tom@example.com", ["support@acme.test"], raw("Hello once."));
    await sendRaw(t.smtpPort, "tom@example.com", ["support@acme.test"], `Received: from retry\r\n${raw("Hello once.")}`);
    await sendRaw(t.smtpPort, "tom@example.com", ["support@acme.test"], raw("A different body."));
    const rows = await waitFor(async () => {
      const r = await t.app.ctx.db.execute(
        sql`SELECT status, conflict FROM inbound_emails WHERE message_id_header = 'dup-1@example.com' ORDER BY id`,
      );
      const list = r.rows as { status: string; conflict: boolean }[];
      return list.length === 2 && list.every((x) => x.status === "processed") ? list : null;
    });
    expect(rows.map((r) => r.conflict)).toEqual([false, true]);
  });

  it("a mail without Message-ID gets a synthetic one and is still stored once", async () => {
    const raw = "From: nomid@example.com\r\nTo: support@acme.test\r\nSubject: No id\r\n\r\nBody without id\r\n";
    await sendRaw(t.smtpPort, "nomid@example.com", ["support@acme.test"], raw);
    await sendRaw(t.smtpPort, "nomid@example.com", ["support@acme.test"], raw);
    const r = await waitFor(async () => {
      const x = await t.app.ctx.db.execute(sql`SELECT message_id_header, status FROM inbound_emails WHERE mail_from = 'nomid@example.com'`);
      return x.rows.length && (x.rows as { status: string }[]).every((y) => y.status === "processed") ? x.rows : null;
    });
    expect(r).toHaveLength(1);
    expect((r[0] as { message_id_header: string }).message_id_header).toMatch(/@synthetic\.rapport$/);
  });

  it("a mail that cannot be parsed is kept raw as unprocessable and does not block the next", async () => {
    const db = t.app.ctx.db;
    // A header block mailparser refuses: one header line over its 1 MB limit.
    const poison = `From: p@example.com\r\nTo: support@acme.test\r\nSubject: Poison\r\nMessage-ID: <poison@example.com>\r\nX-Junk: ${"j".repeat(1_200_000)}\r\n\r\nbody\r\n`;
    await sendRaw(t.smtpPort, "p@example.com", ["support@acme.test"], poison);
    await sendMail(t.smtpPort, { from: "good@example.com", to: "support@acme.test", subject: "After the poison", text: "Fine mail" });
    await waitFor(async () => (await conversations(t.a.accountId)).find((c) => c.subject === "After the poison"), 15_000, "the good mail");
    const p = await waitFor(async () => {
      const r = await db.execute(sql`SELECT status, error FROM inbound_emails WHERE message_id_header = 'poison@example.com'`);
      const row = r.rows[0] as { status: string; error: string | null } | undefined;
      return row && row.status !== "received" ? row : null;
    });
    // Kept raw for admins with the reason, never lost, never blocking.
    expect(p.status).toBe("unprocessable");
    expect(p.error).toContain("header size");
    const list = await t.as(t.a.admin, { method: "GET", url: "/api/v1/inbound-emails?status=unprocessable" });
    const item = list.json().items.find((i: { messageId: string }) => i.messageId === "poison@example.com");
    expect(item).toMatchObject({ status: "unprocessable", mailFrom: "p@example.com" });
    const raw = await t.as(t.a.admin, { method: "GET", url: `/api/v1/inbound-emails/${item.id}/raw` });
    expect(raw.body).toContain("j".repeat(1000));
    expect((await t.as(t.a.agent, { method: "GET", url: "/api/v1/inbound-emails" })).statusCode).toBe(403);
  });

  it("over the part cap: the readable parts become the conversation, the rest is noted and kept in the .eml", async () => {
    const db = t.app.ctx.db;
    const files = Array.from(
      { length: 600 },
      (_, i) =>
        `--b\r\nContent-Type: application/octet-stream; name="file-${i}.bin"\r\nContent-Disposition: attachment; filename="file-${i}.bin"\r\n\r\ndata ${i}\r\n`,
    ).join("");
    const many = `From: Many <many@example.com>\r\nTo: support@acme.test\r\nSubject: Six hundred files\r\nMessage-ID: <many-parts@example.com>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHere are all my files.\r\n${files}--b--\r\n`;
    await sendRaw(t.smtpPort, "many@example.com", ["support@acme.test"], many);
    const conv = await waitFor(
      async () => (await conversations(t.a.accountId)).find((c) => c.subject === "Six hundred files"),
      30_000,
      "the conversation",
    );
    const msgs = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${conv.id}/messages` })).json().items;
    // 500 parts read (the message, its text and 498 files), 100 of those files imported: none vanish silently.
    expect(msgs[0].text).toBe(
      "Here are all my files.\n\n[partially processed: 102 parts over the limit kept in the original .eml; " +
        "500 attachments not imported (file-498.bin, file-499.bin, file-500.bin, file-501.bin, file-502.bin, file-503.bin, file-504.bin, " +
        "file-505.bin, file-506.bin, file-507.bin, …)]",
    );
    expect(msgs[0].attachments).toHaveLength(100);
    const row = await db.execute(sql`SELECT status, error FROM inbound_emails WHERE message_id_header = 'many-parts@example.com'`);
    expect(row.rows[0]).toMatchObject({ status: "processed", error: expect.stringContaining("102 parts over the limit") });
  });

  it("MIME nested 10,000 levels deep: no stack overflow, the readable part becomes the conversation", { timeout: 60_000 }, async () => {
    const depth = 10_000;
    const open = Array.from({ length: depth }, (_, i) => `--n${i}\r\nContent-Type: multipart/mixed; boundary="n${i + 1}"\r\n\r\n`).join("");
    const close = Array.from({ length: depth + 1 }, (_, i) => `--n${depth - i}--\r\n`).join("");
    const deep =
      `From: Deep <deep@example.com>\r\nTo: support@acme.test\r\nSubject: Deeply nested\r\nMessage-ID: <deep@example.com>\r\n` +
      `Content-Type: multipart/mixed; boundary="n0"\r\n\r\n--n0\r\nContent-Type: text/plain\r\n\r\nTop text\r\n` +
      `${open}--n${depth}\r\nContent-Type: text/plain\r\n\r\nDeep text\r\n${close}`;
    await sendRaw(t.smtpPort, "deep@example.com", ["support@acme.test"], deep);
    const conv = await waitFor(
      async () => (await conversations(t.a.accountId)).find((c) => c.subject === "Deeply nested"),
      45_000,
      "the conversation",
    );
    const msgs = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${conv.id}/messages` })).json().items;
    // Parts nested deeper than 30 levels are cut whole: 10,001 nested parts, 30 of them read.
    expect(msgs[0].text).toBe("Top text\n\n[partially processed: 9971 parts over the limit kept in the original .eml]");
    const raw = await t.as(t.a.agent, { method: "GET", url: msgs[0].email.rawUrl });
    expect(raw.body).toContain("Deep text");
  });
});
