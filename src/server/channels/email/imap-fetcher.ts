import { sql } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import type pg from "pg";
import type { Db } from "../../db/client";
import type { JobDeps } from "../../jobs/queue";
import { resolvePublicHost } from "../../lib/net-guard";
import type { InboxRow } from "../../modules/inboxes/present";
import { listImapInboxes } from "../../modules/inboxes/queries";
import { storeInbound } from "./store-inbound";

type Logger = { warn: (obj: object, msg: string) => void };

/**
 * Fetches every IMAP inbox: IDLE where the server has it, a poll as the fallback. A mail is marked seen
 * (or moved) only after it is committed, and a cursor per folder (UIDVALIDITY + last UID) means nothing
 * is fetched twice or skipped. Each mailbox is fetched by one node: a session advisory lock decides.
 */
export class ImapFetcher {
  private workers = new Map<string, MailboxWorker>();
  private timer: NodeJS.Timeout | null = null;
  private lockClient: pg.PoolClient | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly pool: pg.Pool,
    private readonly deps: JobDeps,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    void this.sync();
  }

  /** Picks up added, changed and removed inboxes (also every poll interval, for changes made on other nodes). */
  async sync(): Promise<void> {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    try {
      const inboxes = await listImapInboxes(this.db);
      const wanted = new Map(inboxes.map((i) => [i.id, i]));
      for (const [id, w] of this.workers) {
        const next = wanted.get(id);
        if (!next || JSON.stringify(next.settings.imap) !== JSON.stringify(w.inbox.settings.imap)) {
          this.workers.delete(id);
          await w.stop();
          await this.unlock(id);
        }
      }
      for (const inbox of inboxes) {
        if (this.workers.has(inbox.id) || !(await this.tryLock(inbox.id))) continue;
        const w = new MailboxWorker(inbox, this.db, this.deps, this.log);
        this.workers.set(inbox.id, w);
        w.start();
      }
    } catch (err) {
      this.log.warn({ err }, "IMAP inbox sync failed");
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.sync(), this.deps.config.email.imapPollSeconds * 1000);
  }

  private async tryLock(inboxId: string): Promise<boolean> {
    this.lockClient ??= await this.pool.connect();
    const r = await this.lockClient.query("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", [`imap:${inboxId}`]);
    return r.rows[0].ok === true;
  }

  private async unlock(inboxId: string): Promise<void> {
    await this.lockClient?.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [`imap:${inboxId}`]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
    this.workers.clear();
    this.lockClient?.release();
    this.lockClient = null;
  }
}

const MAX_FETCH_SIZE = 50 * 1024 * 1024;

class MailboxWorker {
  private client: ImapFlow | null = null;
  private stopped = false;
  private draining: Promise<void> = Promise.resolve();
  private again = false;
  private poll: NodeJS.Timeout | null = null;
  private done: Promise<void> = Promise.resolve();

  constructor(
    readonly inbox: InboxRow,
    private readonly db: Db,
    private readonly deps: JobDeps,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.done = this.run();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.session();
        failures = 0;
      } catch (err) {
        failures++;
        await this.report("error", err instanceof Error ? err.message : String(err));
      }
      if (this.stopped) break;
      // Back off on a broken server or wrong password: 5 s, 10 s … up to 5 min.
      await sleep(Math.min(300_000, 5000 * 2 ** Math.min(failures, 6)), () => this.stopped);
    }
  }

  private async session(): Promise<void> {
    const s = this.inbox.settings.imap!;
    const host = await resolvePublicHost(s.host, this.deps.config.email.allowPrivateHosts, "imap.host");
    const client = new ImapFlow({
      host,
      port: s.port,
      secure: s.security === "tls",
      doSTARTTLS: s.security === "starttls" ? true : s.security === "none" ? false : undefined,
      servername: s.host,
      auth: { user: s.user ?? "", pass: s.password ? this.deps.box.open(s.password) : "" },
      logger: false,
      connectionTimeout: 20_000,
      maxIdleTime: this.deps.config.email.imapPollSeconds * 1000,
      // Enter IDLE soon after a fetch, so new mail is pushed by the server within a second.
      autoIdleDelay: 1000,
    });
    this.client = client;
    const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
    client.on("error", (err) => this.log.warn({ err, inboxId: this.inbox.id }, "IMAP connection error"));
    await client.connect();
    try {
      await client.mailboxOpen(s.folder);
      await this.report("ok", null);
      client.on("exists", () => this.kick());
      this.kick();
      this.poll = setInterval(() => this.kick(), this.deps.config.email.imapPollSeconds * 1000);
      await closed;
    } finally {
      if (this.poll) clearInterval(this.poll);
      this.client = null;
    }
    if (!this.stopped) throw new Error("The IMAP server closed the connection");
  }

  /** Runs one drain at a time; a kick during a drain runs another after it. */
  private kick(): void {
    if (this.again) return;
    this.again = true;
    this.draining = this.draining.then(async () => {
      this.again = false;
      try {
        await this.drain();
      } catch (err) {
        this.log.warn({ err, inboxId: this.inbox.id }, "IMAP fetch failed");
        await this.report("error", err instanceof Error ? err.message : String(err));
        this.client?.close();
      }
    });
  }

  private async drain(): Promise<void> {
    const client = this.client;
    if (!client || this.stopped) return;
    const s = this.inbox.settings.imap!;
    const box = client.mailbox;
    if (!box) return;
    const validity = Number(box.uidValidity);
    const cur = await this.db.execute(
      sql`SELECT uid_validity, last_uid FROM imap_cursors WHERE inbox_id = ${this.inbox.id} AND folder = ${s.folder}`,
    );
    const row = cur.rows[0] as { uid_validity: number; last_uid: number } | undefined;
    // A new UIDVALIDITY renumbered the folder: start over; what was stored already is recognised as a duplicate.
    let last = row && Number(row.uid_validity) === validity ? Number(row.last_uid) : 0;
    const uids = ((await client.search({ uid: `${last + 1}:*` }, { uid: true })) || []).filter((u) => u > last).sort((a, b) => a - b);
    for (const uid of uids) {
      if (this.stopped || this.client !== client) return;
      const msg = await client.fetchOne(String(uid), { uid: true, size: true, source: true }, { uid: true });
      const source = msg ? msg.source : undefined;
      if (msg && source && (msg.size ?? source.length) <= MAX_FETCH_SIZE) {
        await storeInbound(this.db, {
          raw: source,
          via: "imap",
          mailFrom: null,
          targets: [{ accountId: this.inbox.account_id, inboxId: this.inbox.id, rcptTo: [this.inbox.address] }],
        });
        this.deps.kick();
        // Only now, with the mail committed, does the mailbox learn it was taken.
        if (s.moveTo) {
          await client.mailboxCreate(s.moveTo).catch(() => {});
          await client.messageMove(String(uid), s.moveTo, { uid: true });
        } else {
          await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
        }
      } else if (msg) {
        this.log.warn({ inboxId: this.inbox.id, uid, size: msg.size }, "IMAP message over the size limit left in the mailbox");
      }
      last = uid;
      await this.db.execute(sql`
        INSERT INTO imap_cursors (inbox_id, folder, uid_validity, last_uid) VALUES (${this.inbox.id}, ${s.folder}, ${validity}, ${uid})
        ON CONFLICT (inbox_id, folder) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, updated_at = now()`);
    }
  }

  private async report(state: "ok" | "error", error: string | null): Promise<void> {
    await this.db
      .execute(
        sql`UPDATE inboxes SET imap_status = ${state}, imap_error = ${error?.slice(0, 500) ?? null}, imap_checked_at = now() WHERE id = ${this.inbox.id}`,
      )
      .catch(() => {});
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    await this.client?.logout().catch(() => this.client?.close());
    await this.draining.catch(() => {});
    await this.done.catch(() => {});
  }
}

async function sleep(ms: number, cancelled: () => boolean): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && !cancelled()) await new Promise((r) => setTimeout(r, Math.min(250, end - Date.now())));
}
