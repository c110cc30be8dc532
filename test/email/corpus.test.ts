import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trimReplyText } from "../../src/server/channels/email/reply-trim";
import { mailIdentity } from "../../src/server/channels/email/raw-headers";
import { sendRaw, startEmailApp, waitFor } from "../helpers/email";

/**
 * The corpus sweep: ~1,000 real-world messages from mail parsers' test suites (broken MIME, bounces, every
 * charset, replies from every client) through the real inbound path, the SMTP receiver and the ingest
 * job. None may crash, hang or be lost; the report says what each became.
 */
const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/corpora/email");
const present = fs.existsSync(corpus);
if (!present) console.log(`email corpus sweep skipped: ${corpus} is absent (it holds the shared test corpora)`);

function mailFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...mailFiles(p));
    else if (/\.(eml|msg|txt|mbox|mail|raw|\d+)$/i.test(e.name) || !e.name.includes(".")) {
      if (/^(LICENSE|SOURCE|README)/i.test(e.name)) continue;
      const head = fs.readFileSync(p).subarray(0, 4096).toString("latin1");
      // Only RFC 5322 messages: a header line near the top.
      if (/^(From|Received|Return-Path|Message-ID|Date|Subject|MIME-Version|Delivered-To|X-[\w-]+|To|Content-Type):/im.test(head))
        out.push(p);
    }
  }
  return out;
}

describe.skipIf(!present)("corpus sweep: real-world mail through the SMTP receiver", () => {
  let t: Awaited<ReturnType<typeof startEmailApp>>;
  beforeAll(async () => {
    t = await startEmailApp();
    await t.createInbox(t.a.admin, { address: "sweep@corpus.test" });
    // The reply-parser fixtures go to another account, so the sweep's copies of them don't dedupe them away.
    await t.createInbox(t.b.admin, { address: "replies@corpus.test" });
  });
  afterAll(() => t?.close());

  it("stores every message, processes each without a crash or hang, and keeps text as valid UTF-8", { timeout: 300_000 }, async () => {
    const files = mailFiles(corpus);
    expect(files.length).toBeGreaterThan(800);
    let accepted = 0;
    const refused: string[] = [];
    let next = 0;
    const sender = async () => {
      while (next < files.length) {
        const f = files[next++];
        try {
          await sendRaw(t.smtpPort, "sweep@example.com", ["sweep@corpus.test"], fs.readFileSync(f));
          accepted++;
        } catch (err) {
          refused.push(`${path.relative(corpus, f)}: ${(err as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, sender));
    const db = t.app.ctx.db;
    const stats = await waitFor(
      async () => {
        const r = await db.execute(sql`
          SELECT count(*)::int AS stored, count(*) FILTER (WHERE status = 'received')::int AS waiting,
            count(*) FILTER (WHERE status = 'unprocessable')::int AS unprocessable,
            count(*) FILTER (WHERE outcome LIKE 'new-conversation%')::int AS conversations,
            count(*) FILTER (WHERE outcome LIKE 'reply-%')::int AS replies,
            count(*) FILTER (WHERE outcome LIKE 'bounce%')::int AS bounces,
            count(*) FILTER (WHERE outcome = 'new-conversation-auto-reply')::int AS auto_replies,
            count(*) FILTER (WHERE conflict)::int AS conflicts
          FROM inbound_emails`);
        const s = r.rows[0] as Record<string, number>;
        return s.waiting === 0 ? s : null;
      },
      240_000,
      "every stored mail processed",
    );
    const dupes = accepted - stats.stored;
    console.log(
      `corpus sweep: ${files.length} files, ${accepted} accepted (250), ${refused.length} refused, ${stats.stored} stored (${dupes} exact duplicates of another file), ` +
        `${stats.conversations} new conversations (${stats.auto_replies} auto-replies), ${stats.replies} threaded replies, ${stats.bounces} bounces, ` +
        `${stats.unprocessable} unprocessable, ${stats.conflicts} same Message-ID with another body`,
    );
    if (refused.length) console.log(`refused:\n  ${refused.join("\n  ")}`);
    const why = await db.execute(sql`
      SELECT left(error, 80) AS reason, count(*)::int AS n FROM inbound_emails WHERE error IS NOT NULL GROUP BY 1 ORDER BY 2 DESC`);
    console.log(
      `unprocessable or partly processed, by reason:\n  ${(why.rows as { reason: string; n: number }[]).map((r) => `${r.n} × ${r.reason}`).join("\n  ")}`,
    );
    // Only oversized mail may be refused (552), and the corpus has none over the limit.
    expect(refused).toEqual([]);
    expect(dupes).toBeGreaterThanOrEqual(0);
    const lost = await db.execute(
      sql`SELECT count(*)::int AS n FROM inbound_emails WHERE status = 'processed' AND message_id IS NULL AND outcome NOT LIKE 'bounce%' AND outcome NOT LIKE 'loop%'`,
    );
    expect(lost.rows[0]).toEqual({ n: 0 });
    const bad = await db.execute(
      sql`SELECT count(*)::int AS n FROM messages WHERE text LIKE '%' || chr(65533) || chr(65533) || chr(65533) || chr(65533) || '%'`,
    );
    console.log(`messages with runs of replacement characters (mislabelled charsets): ${(bad.rows[0] as { n: number }).n}`);
    expect(stats.unprocessable).toBeLessThan(files.length * 0.02);
  });

  it("measures quoted-reply trimming on talon's and crisp's fixtures through the real inbound path", { timeout: 240_000 }, async () => {
    const talon = path.join(corpus, "talon-mailgun/tests/fixtures");
    const crisp = path.join(corpus, "reply-parser-crisp/test/fixtures");
    const wrap = (id: string, type: string, body: string) =>
      Buffer.from(
        `From: fixture@example.com\r\nTo: replies@corpus.test\r\nSubject: Reply fixture ${id}\r\nMessage-ID: <${id}@corpus.test>\r\n` +
          `MIME-Version: 1.0\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
          `${Buffer.from(body).toString("base64").replace(/.{76}/g, "$&\r\n")}\r\n`,
      );
    type Fixture = { name: string; raw: Buffer; kind: "talon-text" | "talon-html" | "crisp"; expected: string | null };
    const fixtures: Fixture[] = [];
    for (const f of fs.readdirSync(path.join(talon, "standard_replies")).filter((x) => x.endsWith(".eml"))) {
      const expectedFile = path.join(talon, "standard_replies", f.replace(/\.eml$/, "_reply_text"));
      // talon's own convention: the reply is "Hello" unless a _reply_text file says otherwise.
      const expected = fs.existsSync(expectedFile) ? fs.readFileSync(expectedFile, "utf8") : "Hello";
      fixtures.push({ name: `talon/${f}`, raw: fs.readFileSync(path.join(talon, "standard_replies", f)), kind: "talon-text", expected });
    }
    for (const f of fs.readdirSync(path.join(talon, "html_replies"))) {
      const html = fs.readFileSync(path.join(talon, "html_replies", f), "utf8");
      fixtures.push({
        name: `talon/html/${f}`,
        raw: wrap(`talon-html-${f}`, "text/html", html),
        kind: "talon-html",
        expected: "Hi. I am fine.",
      });
    }
    for (const f of fs.readdirSync(crisp).filter((x) => x.endsWith(".txt"))) {
      const text = fs.readFileSync(path.join(crisp, f), "utf8");
      fixtures.push({ name: `crisp/${f}`, raw: wrap(`crisp-${f}`, "text/plain", text), kind: "crisp", expected: null });
    }
    for (const f of fixtures) await sendRaw(t.smtpPort, "fixture@example.com", ["replies@corpus.test"], f.raw);
    const db = t.app.ctx.db;
    const rows = await waitFor(
      async () => {
        const r = await db.execute(sql`
          SELECT i.message_id_header, i.body_hash, i.status, m.text, m.html, e.original_text
          FROM inbound_emails i LEFT JOIN messages m ON m.id = i.message_id LEFT JOIN email_messages e ON e.message_id = i.message_id
          WHERE i.account_id = ${t.b.accountId}`);
        const list = r.rows as {
          message_id_header: string;
          body_hash: string;
          status: string;
          text: string | null;
          html: string | null;
          original_text: string | null;
        }[];
        return list.length > 0 && list.every((x) => x.status !== "received") ? list : null;
      },
      120_000,
      "the reply fixtures processed",
    );
    const byIdentity = new Map(rows.map((r) => [`${r.message_id_header} ${r.body_hash}`, r]));
    const norm = (x: string) => x.replace(/\s+/g, " ").trim();
    const score = { "talon-text": [0, 0], "talon-html": [0, 0], crisp: [0, 0] } as Record<Fixture["kind"], [number, number]>;
    const misses: string[] = [];
    let leaked = 0;
    for (const f of fixtures) {
      const { messageId, bodyHash } = mailIdentity(f.raw);
      const row = byIdentity.get(`${messageId} ${bodyHash}`);
      expect(row?.status, f.name).toBe("processed");
      const text = row?.text ?? "";
      score[f.kind][1]++;
      let ok: boolean;
      if (f.kind === "talon-text") {
        // The signature is folded too; talon counts it as part of the reply.
        const signature = trimReplyText(row?.original_text ?? "").signature ?? "";
        ok = norm(text) === norm(f.expected ?? "") || norm(`${text} ${signature}`) === norm(f.expected ?? "");
      } else if (f.kind === "talon-html") {
        const visible = norm((row?.html ?? "").replace(/<[^>]*>/g, " ").replace(/&nbsp;/g, " "));
        ok = visible.startsWith(f.expected ?? "") && !/How are you/i.test(visible);
      } else {
        ok = row?.original_text !== null && text.trim().length > 0;
        if (/^(On|Am|Le|El) .{5,200}(wrote|schrieb|a écrit|escribió):?\s*\n\s*>/im.test(text) && !/tricky_18|email_2\.txt/.test(f.name))
          leaked++;
      }
      if (ok) score[f.kind][0]++;
      else if (f.kind !== "crisp") misses.push(f.name);
    }
    console.log(
      `reply trimming through SMTP: talon ${score["talon-text"][0]}/${score["talon-text"][1]} plain-text replies trimmed to the expected reply, ` +
        `${score["talon-html"][0]}/${score["talon-html"][1]} HTML replies trimmed to the answer; crisp (no expected results): ` +
        `${score.crisp[0]}/${score.crisp[1]} folded (history or signature), ${leaked} with a quoted header left visible` +
        (misses.length ? `; not as expected: ${misses.join(", ")}` : ""),
    );
    expect(score["talon-text"][0]).toBeGreaterThanOrEqual(score["talon-text"][1] - 1);
    expect(score["talon-html"][0]).toBeGreaterThanOrEqual(score["talon-html"][1] - 2);
    expect(leaked).toBe(0);
  });
});
