import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import { startTestAppWithTeam } from "./app";
import type { TestUser } from "../factories";

/** The real app with its SMTP receiver on a free loopback port, files in a temp data dir. */
export async function startEmailApp(env: Record<string, string> = {}, opts: { listen?: boolean } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-email-"));
  const t = await startTestAppWithTeam(
    { RAPPORT_SMTP_PORT: "0", RAPPORT_ALLOW_PRIVATE_HOSTS: "true", RAPPORT_DATA_DIR: dataDir, ...env },
    opts,
  );
  const port = t.app.ctx.email?.smtpPort();
  if (!port) throw new Error("the SMTP receiver did not start");
  return {
    ...t,
    smtpPort: port,
    dataDir,
    async createInbox(user: TestUser, body: Record<string, unknown>) {
      const res = await t.as(user, { method: "POST", url: "/api/v1/inboxes", payload: { channel: "email", name: "Support", ...body } });
      if (res.statusCode !== 201) throw new Error(`inbox: ${res.statusCode} ${res.body}`);
      return res.json() as { id: string; address: string };
    },
    async close() {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Sends a mail to a receiver on loopback with nodemailer, as an MTA would. */
export async function sendMail(port: number, mail: SendMailOptions & { envelope?: { from: string; to: string[] } }) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure: false,
    ignoreTLS: true,
    tls: { rejectUnauthorized: false },
  });
  try {
    return await transport.sendMail(mail);
  } finally {
    transport.close();
  }
}

/** Sends raw RFC 5322 bytes unchanged. */
export function sendRaw(port: number, from: string, to: string[], raw: Buffer | string) {
  return sendMail(port, { envelope: { from, to }, raw });
}

// The mail pipeline is asynchronous by design (250 first, then a job): its tests poll with waitFor.
export { waitFor } from "./wait";

/** A local SMTP sink standing in for the customer's mail server: keeps what it receives, parsed. */
export async function startSmtpSink(opts: { reject?: (rcpt: string) => { code: number; message: string } | null } = {}) {
  const received: { envelope: { from: string; to: string[] }; raw: Buffer; mail: ParsedMail }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, cb) {
      const r = opts.reject?.(address.address);
      if (r) return cb(Object.assign(new Error(r.message), { responseCode: r.code }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks);
        received.push({
          envelope: {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          raw,
          mail: await simpleParser(raw),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const addr = server.server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return { port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}
