import fs from "node:fs";
import os from "node:os";
import { sql } from "drizzle-orm";
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import type { Config } from "../../config";
import type { Db } from "../../db/client";
import { parseRecipient } from "./address";
import { type InboundTarget, storeInbound } from "./store-inbound";

const MAX_RECIPIENTS = 100;
/** One sender can't take all the receiver's connections (a busy MTA opens a handful). */
const MAX_CONNECTIONS_PER_IP = 50;

type Logger = { warn: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void };
type Resolved = { accountId: string; inboxId: string; rcpt: string };
type Session = SMTPServerSession & { rapport?: Resolved[]; counted?: boolean };

/** An SMTP reply with its code: smtp-server sends `responseCode` and the message to the client. */
const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/** Which inbox a recipient is for: its address exactly, or its address with a +tag (reply addresses). */
async function resolveRecipient(db: Db, address: string): Promise<Omit<Resolved, "rcpt"> | null> {
  const { base, plain } = parseRecipient(address);
  const res = await db.execute(sql`
    SELECT id, account_id FROM inboxes
    WHERE channel = 'email' AND address IN (${plain}, ${base}) AND coalesce((settings->>'receiveSmtp')::boolean, true)
    ORDER BY address = ${plain} DESC LIMIT 1`);
  const row = res.rows[0] as { id: string; account_id: string } | undefined;
  return row ? { accountId: row.account_id, inboxId: row.id } : null;
}

/** Groups a mail's accepted recipients by account: each account stores its own copy, once. */
function targetsOf(resolved: Resolved[]): InboundTarget[] {
  const byAccount = new Map<string, InboundTarget>();
  for (const r of resolved) {
    const t = byAccount.get(r.accountId);
    if (t) t.rcptTo.push(r.rcpt);
    else byAccount.set(r.accountId, { accountId: r.accountId, inboxId: r.inboxId, rcptTo: [r.rcpt] });
  }
  return [...byAccount.values()];
}

/**
 * The built-in SMTP receiver (MX or forwarding target). RFC 5321 §6.1: a 250 means Rapport owns the
 * mail, so it answers 250 only after the raw message is committed, and 451 (try again later) when the
 * database can't take it. Unknown recipients get 550, over 100 recipients 452, oversized mail 552.
 */
export function createSmtpReceiver(opts: { db: Db; config: NonNullable<Config["email"]["smtp"]>; log: Logger; onStored?: () => void }) {
  const { db, config, log } = opts;
  const perIp = new Map<string, number>();
  const tls = config.tls ? { key: fs.readFileSync(config.tls.key), cert: fs.readFileSync(config.tls.cert) } : undefined;
  const server = new SMTPServer({
    name: config.hostname ?? os.hostname(),
    banner: "Rapport ESMTP",
    size: config.maxSize,
    authOptional: true,
    disabledCommands: tls ? ["AUTH"] : ["AUTH", "STARTTLS"],
    ...(tls ?? {}),
    logger: false,
    maxClients: 500,
    socketTimeout: 120_000,

    onConnect(session: Session, cb: (err?: Error | null) => void) {
      const n = (perIp.get(session.remoteAddress) ?? 0) + 1;
      if (n > MAX_CONNECTIONS_PER_IP) return cb(smtpError(421, "4.7.0 Too many connections from your address, try again later"));
      perIp.set(session.remoteAddress, n);
      session.counted = true;
      cb();
    },

    onClose(session: Session) {
      if (!session.counted) return;
      const n = (perIp.get(session.remoteAddress) ?? 1) - 1;
      if (n <= 0) perIp.delete(session.remoteAddress);
      else perIp.set(session.remoteAddress, n);
    },

    onMailFrom(_address: SMTPServerAddress, session: Session, cb: (err?: Error | null) => void) {
      // Each mail of a session starts with no recipients.
      session.rapport = [];
      cb();
    },

    onRcptTo(address: SMTPServerAddress, session: Session, cb: (err?: Error | null) => void) {
      const accepted = (session.rapport ??= []);
      if (accepted.length >= MAX_RECIPIENTS) return cb(smtpError(452, "4.5.3 Too many recipients"));
      resolveRecipient(db, address.address).then(
        (r) => {
          if (!r) return cb(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
          accepted.push({ ...r, rcpt: address.address.toLowerCase() });
          cb();
        },
        (err) => {
          log.warn({ err }, "SMTP recipient lookup failed; answering 451");
          cb(smtpError(451, "4.3.0 Temporary failure, please try again later"));
        },
      );
    },

    onData(stream: SMTPServerDataStream, session: Session, cb: (err?: Error | null) => void) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (c: Buffer) => {
        // Past the limit the rest is drained, not kept: memory stays bounded by the advertised SIZE.
        if (size <= config.maxSize) chunks.push(c);
        size += c.length;
      });
      stream.on("error", (err) => cb(err));
      stream.on("end", () => {
        if (stream.sizeExceeded || size > config.maxSize) {
          return cb(smtpError(552, `5.3.4 Message too big: the limit is ${config.maxSize} bytes`));
        }
        const raw = Buffer.concat(chunks);
        const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address || null : null;
        storeInbound(db, { raw, via: "smtp", mailFrom, targets: targetsOf(session.rapport ?? []) }).then(
          () => {
            opts.onStored?.();
            cb();
          },
          (err) => {
            log.warn({ err }, "storing an inbound mail failed; answering 451");
            cb(smtpError(451, "4.3.0 Temporary failure, please try again later"));
          },
        );
      });
    },
  });
  server.on("error", (err) => log.warn({ err }, "SMTP receiver error"));
  return {
    server,
    async listen(): Promise<number> {
      await new Promise<void>((resolve, reject) => {
        server.server.once("error", reject);
        server.listen(config.port, config.host, () => {
          server.server.off("error", reject);
          resolve();
        });
      });
      const addr = server.server.address();
      return typeof addr === "object" && addr ? addr.port : config.port;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
