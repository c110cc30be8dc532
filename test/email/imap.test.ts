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
    t = await startEmailApp({ RAPPORT_IMAP_POLL_SECONDS: "30" });
  });
  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
  });

  it("fetches what is there, marks it seen only once stored, and a poison mail first does not block the 50 behind it", async () => {
    // Not a mail at all, first in the folder.
    await dovecot.append(Buffer.from("\u0000\u0001garbage without headers\r\n--\r\n".repeat(50)));
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
      30_000,
      "50 conversations",
    );
    const flags = await dovecot.flags();
    expect(flags.size).toBe(51);
    for (const f of flags.values()) expect(f).toContain("\\Seen");
    const status = await t.as(t.a.admin, { method: "GET", url: `/api/v1/inboxes/${inboxId}` });
    expect(status.json().imapStatus.state).toBe("ok");
    const inbound = await t.app.ctx.db.execute(sql`SELECT count(*)::int AS n FROM inbound_emails WHERE via = 'imap'`);
    expect(inbound.rows[0]).toEqual({ n: 51 });
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
      expect(total.rows[0]).toEqual({ n: 53 });
      const cursor = await db.execute(sql`SELECT last_uid FROM imap_cursors`);
      expect(cursor.rows[0]).toEqual({ last_uid: 53 });
    } finally {
      await again.close();
    }
  });
});
