import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
});
