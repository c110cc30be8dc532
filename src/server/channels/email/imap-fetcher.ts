import { sql } from "drizzle-orm";
import { type FetchMessageObject, ImapFlow } from "imapflow";
import type pg from "pg";
import type { Db } from "../../db/client";
import type { JobDeps } from "../../jobs/queue";
import { resolvePublicHost } from "../../lib/net-guard";
import type { InboxRow } from "../../modules/inboxes/present";
import type { EmailInboxSettings } from "../../modules/inboxes/settings";
import { listImapInboxes } from "../../modules/inboxes/queries";
import { recordUnfetched } from "./imap-unfetched";
import { storeInbound } from "./store-inbound";

type Logger = { warn: (obj: object, msg: string) => void };

/**
 * Fetches every IMAP inbox: IDLE where the server has it, a poll as the fallback. A mail is marked seen
 * (or moved) only after it is committed, and a cursor per folder (UIDVALIDITY + last UID) means nothing
 * is fetched twice or skipped. A mail over the size limit (never downloaded) or failing to fetch three
 * times in a row (an error, or the server dropping the connection on it) is recorded as unprocessable and
 * passed over, so it never blocks the mail behind it; outages elsewhere are retried and skip nothing.
 * Each mailbox is fetched by one node: a session advisory lock decides.
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
        if (!next || JSON.stringify(imapOf(next)) !== JSON.stringify(imapOf(w.inbox))) {
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
    if (!this.lockClient) {
      const client = await this.pool.connect();
      // The session holding the mailbox locks died (database restarted, connection killed): its locks are
      // gone, so this node stops fetching and takes the locks again on the next sync.
      client.on("error", (err) => {
        this.log.warn({ err }, "IMAP lock connection lost; fetchers restart on the next sync");
        if (this.lockClient !== client) return;
        this.lockClient = null;
        client.release(err);
        const workers = [...this.workers.values()];
        this.workers.clear();
        void Promise.all(workers.map((w) => w.stop())).catch(() => {});
      });
      this.lockClient = client;
    }
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
/** A mail whose fetch fails (or drops the connection) this often in a row, the database being up, is recorded and skipped. */
const FAILURES_BEFORE_SKIP = 3;

// Only email inboxes with IMAP settings are fetched (listImapInboxes).
const imapOf = (inbox: InboxRow) => (inbox.settings as EmailInboxSettings).imap;

type Known = { size: number | null; envelope: NonNullable<FetchMessageObject["envelope"]> | null };

class MailboxWorker {
  private client: ImapFlow | null = null;
  private stopped = false;
  private draining: Promise<void> = Promise.resolve();
  private again = false;
  private poll: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  /** Consecutive failures per folder + UIDVALIDITY + UID, across drains and reconnections. */
  private failures = new Map<string, number>();
  /** Sessions dropped in a row since the last clean drain. */
  private drops = 0;
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
      const opened = { ok: false };
      try {
        await this.session(opened);
      } catch (err) {
        await this.report("error", err instanceof Error ? err.message : String(err));
      }
      if (this.stopped) break;
      if (opened.ok) failures = 0;
      // A dropped session that had the folder open comes back soon (2 s, 4 s … 1 min, reset by a clean
      // drain); a broken server or wrong password backs off 10 s, 20 s … up to 5 min.
      const ms = opened.ok
        ? Math.min(60_000, 1000 * 2 ** Math.min(++this.drops, 6))
        : Math.min(300_000, 5000 * 2 ** Math.min(++failures, 6));
      await sleep(ms, () => this.stopped);
    }
  }

  private async session(opened: { ok: boolean }): Promise<void> {
    const s = imapOf(this.inbox)!;
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
      opened.ok = true;
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
        if (await this.drain()) this.drops = 0;
      } catch (err) {
        this.log.warn({ err, inboxId: this.inbox.id }, "IMAP fetch failed");
        await this.report("error", err instanceof Error ? err.message : String(err));
        this.client?.close();
      }
    });
  }

  /** Imports what is new in the folder; true when it got through with the connection up. */
  private async drain(): Promise<boolean> {
    const client = this.client;
    if (!client || this.stopped) return false;
    const s = imapOf(this.inbox)!;
    const box = client.mailbox;
    if (!box) return false;
    const validity = Number(box.uidValidity);
    const cur = await this.db.execute(
      sql`SELECT uid_validity, last_uid FROM imap_cursors WHERE inbox_id = ${this.inbox.id} AND folder = ${s.folder}`,
    );
    const row = cur.rows[0] as { uid_validity: number; last_uid: number } | undefined;
    // A new UIDVALIDITY renumbered the folder: start over; what was stored already is recognised as a duplicate.
    const last = row && Number(row.uid_validity) === validity ? Number(row.last_uid) : 0;
    const uids = ((await client.search({ uid: `${last + 1}:*` }, { uid: true })) || []).filter((u) => u > last).sort((a, b) => a - b);
    for (const uid of uids) {
      if (this.stopped || this.client !== client) return false;
      // Lost before this mail was asked for: no fault of it; the session reconnects and the drain starts over.
      if (!client.usable) throw new Error("The IMAP connection was lost");
      const key = `${s.folder}\n${validity}\n${uid}`;
      const known: Known = { size: null, envelope: null };
      try {
        await this.take(client, uid, validity, known);
        this.failures.delete(key);
      } catch (err) {
        // A database outage is no fault of this mail: the drain is tried again, nothing skipped.
        if (this.stopped || !(await this.databaseUp())) throw err;
        // The server failing or dropping the connection on this very mail, again and again, is.
        const failures = (this.failures.get(key) ?? 0) + 1;
        const message = err instanceof Error ? err.message : String(err);
        const reason = client.usable ? message : `the server dropped the connection while sending it (${message})`;
        this.log.warn({ err, inboxId: this.inbox.id, uid, failures }, "IMAP message could not be fetched");
        if (failures < FAILURES_BEFORE_SKIP) {
          this.failures.set(key, failures);
          if (!client.usable) throw err;
          this.retrySoon(failures);
          return true;
        }
        this.failures.delete(key);
        // Passing it over is progress: a reconnection after this one comes back soon again.
        this.drops = 0;
        await this.unfetched(validity, uid, known, `could not be fetched (${failures} attempts): ${reason}; left in the mailbox`);
      }
      await this.db.execute(sql`
        INSERT INTO imap_cursors (inbox_id, folder, uid_validity, last_uid) VALUES (${this.inbox.id}, ${s.folder}, ${validity}, ${uid})
        ON CONFLICT (inbox_id, folder) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, updated_at = now()`);
    }
    return true;
  }

  /** Records a mail left in the mailbox (too large, or failing every fetch) so admins see it. */
  private unfetched(validity: number, uid: number, known: Known, error: string) {
    const s = imapOf(this.inbox)!;
    return recordUnfetched(this.db, {
      inbox: this.inbox,
      mailbox: `${s.user ?? ""}@${s.host}`,
      folder: s.folder,
      validity,
      uid,
      ...known,
      error,
    });
  }

  /** Imports one mail: its size and envelope first, so a mail over the limit is never downloaded. */
  private async take(client: ImapFlow, uid: number, validity: number, known: Known): Promise<void> {
    const s = imapOf(this.inbox)!;
    const meta = await client.fetchOne(String(uid), { uid: true, size: true, envelope: true }, { uid: true });
    // Gone (expunged meanwhile): nothing to import.
    if (!meta) return;
    known.size = meta.size ?? null;
    known.envelope = meta.envelope ?? null;
    const limit = this.deps.config.email.smtp?.maxSize ?? MAX_FETCH_SIZE;
    if (meta.size !== undefined && meta.size > limit) {
      this.log.warn({ inboxId: this.inbox.id, uid, size: meta.size }, "IMAP message over the size limit left in the mailbox");
      await this.unfetched(validity, uid, known, `too large: ${meta.size} bytes, limit ${limit}; left in the mailbox`);
      return;
    }
    const msg = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    if (msg === false || !msg.source) return;
    await storeInbound(this.db, {
      raw: msg.source,
      via: "imap",
      mailFrom: null,
      targets: [{ accountId: this.inbox.account_id, inboxId: this.inbox.id, rcptTo: [this.inbox.address] }],
    });
    this.deps.kick();
    // Only now, with the mail committed, does the mailbox learn it was taken; failing that, it is still taken.
    try {
      if (s.moveTo) {
        await client.mailboxCreate(s.moveTo).catch(() => {});
        await client.messageMove(String(uid), s.moveTo, { uid: true });
      } else {
        await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
      }
    } catch (err) {
      if (!client.usable) throw err;
      this.log.warn({ err, inboxId: this.inbox.id, uid }, "IMAP message stored but could not be marked seen or moved");
    }
  }

  /** One mail failed while the connection is fine: try again soon (2 s, 4 s …), not only at the next poll. */
  private retrySoon(failures: number): void {
    if (this.retry) clearTimeout(this.retry);
    const ms = Math.min(this.deps.config.email.imapPollSeconds * 1000, 1000 * 2 ** failures);
    this.retry = setTimeout(() => this.kick(), ms);
  }

  private async databaseUp(): Promise<boolean> {
    return this.db.execute(sql`SELECT 1`).then(
      () => true,
      () => false,
    );
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
    if (this.retry) clearTimeout(this.retry);
    await this.client?.logout().catch(() => this.client?.close());
    await this.draining.catch(() => {});
    await this.done.catch(() => {});
  }
}

async function sleep(ms: number, cancelled: () => boolean): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && !cancelled()) await new Promise((r) => setTimeout(r, Math.min(250, end - Date.now())));
}
