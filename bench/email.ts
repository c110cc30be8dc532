/**
 * SMTP ingest: 5,000 generated mails (mixed sizes, 20% with attachments) from 20 concurrent senders into
 * the built-in receiver; mails/s accepted, p99 accept latency, and the time until every mail is a
 * conversation. Target: ≥ 200 mails/s accepted, fully processed within 2× the send time.
 */
import crypto from "node:crypto";
import nodemailer from "nodemailer";
import MailComposer from "nodemailer/lib/mail-composer";
import type pg from "pg";
import type { CpuMeter, CpuUse } from "./cpu";
import { type Stats, summarize } from "./load";

const MAILS = Number(process.env.BENCH_MAILS ?? 5000);
const SENDERS = 20;

export type EmailBench = {
  accepted: Stats;
  processedSeconds: number;
  sendSeconds: number;
  cpuSend: CpuUse;
  cpuAll: CpuUse;
  mails: number;
  bytes: number;
};

const WORDS = "order parcel refund delivery invoice account password broken size colour courier tracking week thank you please help".split(
  " ",
);
function body(i: number, words: number): string {
  const out: string[] = [];
  for (let k = 0; k < words; k++) out.push(WORDS[(i * 31 + k * 7) % WORDS.length]);
  return `Hello,\n\n${out.join(" ")}.\n\nBest regards,\nCustomer ${i}`;
}

/** Mails built before the clock starts: the benchmark measures Rapport, not the composer. */
async function buildMails(run: string, to: string): Promise<Buffer[]> {
  const mails: Buffer[] = [];
  for (let i = 0; i < MAILS; i++) {
    // Sizes from 1 KB to ~40 KB of text; every fifth mail carries a 20–200 KB attachment.
    const words = [150, 400, 1500, 6000][i % 4];
    const attachments =
      i % 5 === 0
        ? [{ filename: `photo-${i}.jpg`, content: crypto.randomBytes(20_000 + ((i * 7919) % 180_000)), contentType: "image/jpeg" }]
        : [];
    const mc = new MailComposer({
      from: `Customer ${i} <c${i % 1500}@bench-mail.example>`,
      to,
      subject: `Bench ${run} #${i}`,
      messageId: `<bench-${run}-${i}@bench-mail.example>`,
      text: body(i, words),
      html: i % 2 ? `<p>${body(i, words).replace(/\n/g, "<br>")}</p>` : undefined,
      attachments,
    });
    mails.push(await mc.compile().build());
  }
  return mails;
}

export async function emailIngest(smtpPort: number, pool: pg.Pool, accountId: string, meter: CpuMeter): Promise<EmailBench> {
  const run = Date.now().toString(36);
  const address = `bench-${run}@bench.test`;
  await pool.query("INSERT INTO inboxes (account_id, channel, name, address, settings) VALUES ($1, 'email', 'Bench', $2, '{}'::jsonb)", [
    accountId,
    address,
  ]);
  const mails = await buildMails(run, address);
  const bytes = mails.reduce((n, m) => n + m.length, 0);
  const transports = Array.from({ length: SENDERS }, () =>
    nodemailer.createTransport({
      host: "127.0.0.1",
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 1,
      maxMessages: Number.POSITIVE_INFINITY,
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const doneSend = meter.start();
  const doneAll = meter.start();
  const t0 = performance.now();
  await Promise.all(
    transports.map(async (tr) => {
      while (next < mails.length) {
        const i = next++;
        const s = performance.now();
        try {
          await tr.sendMail({ envelope: { from: `c${i % 1500}@bench-mail.example`, to: [address] }, raw: mails[i] });
          latencies.push(performance.now() - s);
        } catch (err) {
          errors++;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  const sendSeconds = (performance.now() - t0) / 1000;
  const cpuSend = doneSend();
  for (const tr of transports) tr.close();
  // Processed: every accepted mail turned into a conversation (or whatever it is), none left waiting.
  for (;;) {
    const r = await pool.query(
      "SELECT count(*) FILTER (WHERE status = 'received')::int AS waiting, count(*)::int AS n FROM inbound_emails WHERE $1 = ANY(rcpt_to)",
      [address],
    );
    if (r.rows[0].n >= latencies.length && r.rows[0].waiting === 0) break;
    if ((performance.now() - t0) / 1000 > sendSeconds * 10 + 60) throw new Error(`email bench: ${r.rows[0].waiting} mails still waiting`);
    await new Promise((res) => setTimeout(res, 100));
  }
  const processedSeconds = (performance.now() - t0) / 1000;
  const cpuAll = doneAll();
  return {
    accepted: summarize(latencies, errors, sendSeconds, firstError),
    processedSeconds,
    sendSeconds,
    cpuSend,
    cpuAll,
    mails: MAILS,
    bytes,
  };
}
