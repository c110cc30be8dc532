import net from "node:net";
import pg from "pg";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sendMail, startEmailApp, waitFor } from "../helpers/email";

type App = Awaited<ReturnType<typeof startEmailApp>>;

/** One SMTP command at a time over a raw socket, so the database can go away between two of them. */
function smtpSession(port: number) {
  const sock = net.connect(port, "127.0.0.1");
  let buf = "";
  const waiters: ((line: string) => void)[] = [];
  sock.on("data", (d) => {
    buf += d.toString();
    for (;;) {
      const m = /(^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(buf);
      if (!m) break;
      const end = m.index + m[0].length;
      const reply = buf.slice(0, end).trim();
      buf = buf.slice(end);
      waiters.shift()?.(reply.split("\r\n").pop() ?? reply);
    }
  });
  const next = () => new Promise<string>((resolve) => waiters.push(resolve));
  return {
    greeting: next(),
    send(line: string) {
      const p = next();
      sock.write(`${line}\r\n`);
      return p;
    },
    close: () => sock.end(),
  };
}

describe("the SMTP receiver never says 250 for mail it could not commit", () => {
  let t: App;
  let admin: pg.Client;
  let dbName: string;
  const setConnections = async (allow: boolean) => {
    await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS ${allow}`);
    if (!allow) await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [dbName]);
  };

  beforeAll(async () => {
    t = await startEmailApp();
    await t.createInbox(t.a.admin, { address: "help@down.test" });
    dbName = new URL(t.databaseUrl).pathname.slice(1);
    admin = new pg.Client({ connectionString: inject("pgAdminUrl") });
    await admin.connect();
  });
  afterAll(async () => {
    // Each cleanup step is bounded and reports itself: twice in loaded full runs one of them did not return
    // within the 2-minute hook limit; the test's own assertions had passed. Which step it is shows here.
    const bounded = async (step: string, p: Promise<unknown> | undefined) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((r) => {
        timer = setTimeout(() => r("late"), 30_000);
      });
      const out = await Promise.race([Promise.resolve(p).then(() => "ok" as const), late]);
      clearTimeout(timer);
      if (out === "late") console.warn(`database-down cleanup: "${step}" did not finish within 30 s`);
    };
    await bounded("allow connections again", setConnections(true).catch(() => {}));
    await bounded("end the admin connection", admin?.end());
    await bounded("close the app", t?.close());
  }, 150_000);

  it("answers 451 at RCPT and at the end of DATA while the database is unavailable, then accepts again", async () => {
    // The database goes away after the recipient was accepted: the mail itself must get 451.
    const s = smtpSession(t.smtpPort);
    expect(await s.greeting).toMatch(/^220 /);
    expect(await s.send("EHLO test")).toMatch(/^250 /);
    expect(await s.send("MAIL FROM:<a@example.com>")).toMatch(/^250 /);
    expect(await s.send("RCPT TO:<help@down.test>")).toMatch(/^250 /);
    await setConnections(false);
    expect(await s.send("DATA")).toMatch(/^354 /);
    expect(await s.send("From: a@example.com\r\nTo: help@down.test\r\nSubject: While down\r\n\r\nHello\r\n.")).toMatch(/^451 /);
    s.close();

    const rcpt = await sendMail(t.smtpPort, { from: "b@example.com", to: "help@down.test", subject: "Also while down", text: "x" }).catch(
      (e) => e,
    );
    expect(rcpt.responseCode).toBe(451);

    await setConnections(true);
    const ok = await waitFor(
      () => sendMail(t.smtpPort, { from: "c@example.com", to: "help@down.test", subject: "After recovery", text: "y" }).catch(() => null),
      20_000,
      "a 250 after the database is back",
    );
    expect(ok.accepted).toEqual(["help@down.test"]);
    await waitFor(async () => {
      const r = await t.app.ctx.db.execute(sql`SELECT subject FROM conversations WHERE subject = 'After recovery'`);
      return r.rows.length === 1;
    });
    const lost = await t.app.ctx.db.execute(
      sql`SELECT count(*)::int AS n FROM inbound_emails WHERE convert_from(raw, 'UTF8') LIKE '%While down%'`,
    );
    expect(lost.rows[0]).toEqual({ n: 0 });
  });
});
