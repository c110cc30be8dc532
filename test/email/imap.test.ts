import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Dovecot, dovecotAvailable, startDovecot } from "../helpers/dovecot";
import { startTestApp } from "../helpers/app";
import { startEmailApp, waitFor } from "../helpers/email";

type App = Awaited<ReturnType<typeof startEmailApp>>;

const mail = (i: number | string, extra = "") =>
  `From: Customer ${i} <imap${i}@example.com>\r\nTo: support@imap.test\r\nSubject: IMAP mail ${i}\r\nMessage-ID: <imap-${i}@example.com>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n${extra}\r\nHello from ${i}\r\n`;

const available = dovecotAvailable();
if (!available) console.log("IMAP tests skipped: dovecot-imapd is not installed (.ci/run installs it)");

describe.skipIf(!available)("IMAP fetch from a real Dovecot", () => {
  let t: App;
  let dovecot: Dovecot;
  let inboxId: string;
  const subjects = async () =>
    (
      (
        await t.app.ctx.db.execute(
          sql`SELECT subject FROM conversations WHERE account_id = ${t.a.accountId} AND subject IS NOT NULL ORDER BY subject`,
        )
      ).rows as {
        subject: string;
      }[]
    ).map((r) => r.subject);

  beforeAll(async () => {
    dovecot = await startDovecot();
    t = await startEmailApp({ RAPPORT_IMAP_POLL_SECONDS: "30", RAPPORT_SMTP_MAX_SIZE: "1000000" });
  });
  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
  });

  it("fetches what is there, marks it seen only once stored; poison, unfetchable and oversize mail first do not block the 50 behind it", {
    timeout: 90_000,
  }, async () => {
    const db = t.app.ctx.db;
    // Not a mail at all, first in the folder.
    await dovecot.append(Buffer.from("\u0000\u0001garbage without headers\r\n--\r\n".repeat(50)));
    // A mail the server fails to read (its file is unreadable): Dovecot drops the connection on every fetch of it.
    await dovecot.append(mail("unreadable", "X-Marker: unreadable-on-disk\r\n"));
    dovecot.makeUnreadable("unreadable-on-disk");
    // Over the size limit (RAPPORT_SMTP_MAX_SIZE, 1 MB here): recorded from its envelope, never downloaded.
    await dovecot.append(mail("huge") + `${"x".repeat(76)}\r\n`.repeat(40_000));
    for (let i = 0; i < 50; i++) await dovecot.append(mail(i));
    const res = await t.as(t.a.admin, {
      method: "POST",
      url: "/api/v1/inboxes",
      payload: {
        channel: "email",
        name: "IMAP",
        address: "support@imap.test",
        receiveSmtp: false,
        imap: { host: dovecot.host, port: dovecot.port, security: "none", user: dovecot.user, password: dovecot.password },
      },
    });
    expect(res.statusCode).toBe(201);
    inboxId = res.json().id;
    await waitFor(
      async () => ((await subjects()).filter((s) => s.startsWith("IMAP mail")).length === 50 ? true : null),
      75_000,
      "50 conversations",
    );
    const rows = await waitFor(async () => {
      const r = await db.execute(sql`SELECT id, message_id_header, status, error, size FROM inbound_emails WHERE via = 'imap' ORDER BY id`);
      const list = r.rows as { id: number; message_id_header: string; status: string; error: string | null; size: number }[];
      return list.length === 53 && list.every((x) => x.status !== "received") ? list : null;
    });
    // The garbage, the unreadable and the oversized mail are each kept for admins as unprocessable, with why.
    const unprocessable = rows.filter((r) => r.status === "unprocessable");
    expect(unprocessable).toHaveLength(3);
    const [garbage, unreadable, huge] = unprocessable;
    expect(garbage.message_id_header).toMatch(/@synthetic\.rapport$/);
    expect(garbage.error).toContain("not an email");
    // What the server would not read has no known envelope: a synthetic id naming the UID.
    expect(unreadable.message_id_header).toMatch(/^(imap-unreadable@example\.com|unfetched\.2\.[0-9a-f]{16}@rapport\.invalid)$/);
    expect(unreadable.error).toMatch(/^could not be fetched \(3 attempts\): .+; left in the mailbox$/);
    expect(huge.message_id_header).toBe("imap-huge@example.com");
    expect(huge.error).toMatch(/^too large: \d+ bytes, limit 1000000; left in the mailbox$/);
    expect(huge.size).toBeGreaterThan(3_000_000);
    // Admins see them in the API, with a placeholder .eml built from the envelope.
    const list = await t.as(t.a.admin, { method: "GET", url: "/api/v1/inbound-emails?status=unprocessable" });
    const item = list.json().items.find((i: { messageId: string }) => i.messageId === "imap-huge@example.com");
    const placeholder = await t.as(t.a.admin, { method: "GET", url: `/api/v1/inbound-emails/${item.id}/raw` });
    expect(placeholder.body).toContain("Subject: IMAP mail huge");
    expect(placeholder.body).toContain("From: Customer huge <imaphuge@example.com>");
    expect(placeholder.body).not.toContain("x".repeat(76));
    // Stored mail is marked seen; what was not imported stays in the mailbox untouched.
    const flags = await dovecot.flags();
    expect(flags.size).toBe(53);
    expect([...flags.values()].filter((f) => f.includes("\\Seen"))).toHaveLength(51);
    expect(flags.get(2)).not.toContain("\\Seen");
    expect(flags.get(3)).not.toContain("\\Seen");
    const status = await t.as(t.a.admin, { method: "GET", url: `/api/v1/inboxes/${inboxId}` });
    expect(status.json().imapStatus.state).toBe("ok");
  });

  it("picks up new mail through IDLE, without waiting for the poll", async () => {
    const before = Date.now();
    await dovecot.append(mail("idle"));
    await waitFor(async () => ((await subjects()).includes("IMAP mail idle") ? true : null), 4_000, "the IDLE push");
    expect(Date.now() - before).toBeLessThan(4_000);
  });

  it("never fetches twice after a restart, and misses nothing that arrived while it was down", async () => {
    await t.app.close();
    await dovecot.append(mail("while-down"));
    // The same database, a new process: the cursor (UIDVALIDITY + last UID) says where to go on.
    const again = await startTestApp(
      { RAPPORT_SMTP_PORT: "off", RAPPORT_ALLOW_PRIVATE_HOSTS: "true", RAPPORT_DATA_DIR: t.dataDir, RAPPORT_IMAP_POLL_SECONDS: "30" },
      { databaseUrl: t.databaseUrl },
    );
    try {
      const db = again.app.ctx.db;
      await waitFor(
        async () => {
          const r = await db.execute(sql`SELECT 1 FROM conversations WHERE subject = 'IMAP mail while-down'`);
          return r.rows.length === 1;
        },
        30_000,
        "the mail that came while Rapport was down",
      );
      const rows = await db.execute(sql`SELECT message_id_header, count(*)::int AS n FROM inbound_emails GROUP BY 1 HAVING count(*) > 1`);
      expect(rows.rows).toEqual([]);
      const total = await db.execute(sql`SELECT count(*)::int AS n FROM inbound_emails WHERE via = 'imap'`);
      expect(total.rows[0]).toEqual({ n: 55 });
      // The cursor moves in its own statement after the mail is stored, so it may trail the conversation by a moment.
      await waitFor(
        async () => (await db.execute(sql`SELECT last_uid FROM imap_cursors`)).rows[0]?.last_uid === 55 || null,
        10_000,
        "the cursor at the last UID",
      );
      // The oversized mail was never downloaded: the first session sent far less than its 3 MB.
      const sent = [...dovecot.log().matchAll(/imap\(support\).*?out=(\d+)/g)].map((m) => Number(m[1]));
      expect(sent.length).toBeGreaterThan(0);
      expect(Math.max(...sent)).toBeLessThan(1_000_000);
    } finally {
      await again.close();
    }
  });
});
