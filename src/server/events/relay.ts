import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

export type RelayedEvent = {
  id: number;
  accountId: string;
  type: string;
  conversationId: string | null;
  actorType: string;
  actorId: string | null;
  data: Record<string, unknown>;
  createdAt: Date | string;
};
export type Listener = (batch: RelayedEvent[]) => Promise<void>;

/**
 * Hands committed outbox events to listeners. The cursor moves in (txid, id) order only over events of
 * transactions older than the oldest one still running (`pg_snapshot_xmin`), so a transaction that commits
 * late can never fall behind it; one cursor row update per batch replaces an update per event. Because that
 * horizon is cluster-wide, a long write transaction anywhere on the server would hold it back: events that
 * are already committed above it are delivered early and recorded in `outbox_early`, and the ordered pass
 * skips them, on whichever node it runs. The cursor row is claimed with SKIP LOCKED, so among many nodes one
 * relays at a time. Delivery is at least once: a listener that fails, or a node that dies between delivering
 * and committing, means the batch is delivered again. Woken right after local commits, and
 * polls for events committed by other nodes.
 */
/** Past this many early deliveries waiting for the cursor, the relay waits for the horizon instead. */
const MAX_EARLY = 100_000;

export class OutboxRelay {
  private listeners: Listener[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = true;

  constructor(
    private db: Db,
    private onError: (err: unknown) => void,
    private pollMs = 250,
  ) {}

  listen(l: Listener): void {
    this.listeners.push(l);
  }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 10));
  }

  /** Called after a local commit that wrote events. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), 0);
  }

  private schedule(ms = this.pollMs): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    let pending = false;
    try {
      let n: number;
      do {
        this.again = false;
        n = await this.relayBatch();
      } while (n > 0 && !this.stopped);
      // Events of transactions still in flight become readable when those commit: look again soon.
      pending = this.again;
    } catch (err) {
      this.onError(err);
    } finally {
      this.running = false;
      this.schedule(pending ? 5 : this.pollMs);
    }
  }

  async relayBatch(limit = 500): Promise<number> {
    return this.db.transaction(async (tx) => {
      const cur = await tx.execute(sql`SELECT txid::text AS txid, event_id FROM outbox_cursor WHERE id = 1 FOR UPDATE SKIP LOCKED`);
      const cursor = cur.rows[0] as { txid: string; event_id: number } | undefined;
      if (!cursor) return 0;
      const ordered = (
        await tx.execute(sql`
          SELECT id, account_id, type, conversation_id, actor_type, actor_id, data, created_at, txid::text AS txid,
            EXISTS (SELECT 1 FROM outbox_early e WHERE e.event_id = events.id) AS early
          FROM events
          WHERE (txid, id) > (${cursor.txid}::xid8, ${cursor.event_id}::bigint)
            AND txid < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY txid, id LIMIT ${limit}`)
      ).rows as Record<string, unknown>[];
      // Committed above the horizon: deliver now and record it, in this transaction, for whichever node moves
      // the cursor past it (the cursor row lock makes that record and the delivery one step).
      const ahead =
        ordered.length < limit
          ? ((
              await tx.execute(sql`
                WITH a AS (
                  SELECT id, account_id, type, conversation_id, actor_type, actor_id, data, created_at, txid
                  FROM events
                  WHERE txid >= pg_snapshot_xmin(pg_current_snapshot())
                    AND (txid, id) > (${cursor.txid}::xid8, ${cursor.event_id}::bigint)
                    AND NOT EXISTS (SELECT 1 FROM outbox_early e WHERE e.event_id = events.id)
                    AND (SELECT count(*) FROM (SELECT 1 FROM outbox_early LIMIT ${MAX_EARLY}) n) < ${MAX_EARLY}
                  ORDER BY id LIMIT ${limit}),
                i AS (INSERT INTO outbox_early (event_id, txid) SELECT id, txid FROM a ON CONFLICT DO NOTHING)
                SELECT id, account_id, type, conversation_id, actor_type, actor_id, data, created_at, txid::text AS txid FROM a ORDER BY id`)
            ).rows as Record<string, unknown>[])
          : [];
      const fresh = [...ordered.filter((r) => !r.early), ...ahead];
      if (fresh.length > 0) await this.deliver(fresh.map(toEvent));
      const last = ordered[ordered.length - 1];
      if (last) {
        const at = sql`(${last.txid as string}::xid8, ${Number(last.id)}::bigint)`;
        await tx.execute(sql`
          WITH passed AS (DELETE FROM outbox_early WHERE (txid, event_id) <= ${at})
          UPDATE outbox_cursor SET txid = ${last.txid as string}::xid8, event_id = ${Number(last.id)} WHERE id = 1`);
      }
      return fresh.length === 0 ? 0 : ordered.length;
    });
  }

  private async deliver(batch: RelayedEvent[]): Promise<void> {
    for (const l of this.listeners) {
      try {
        await l(batch);
      } catch (err) {
        this.onError(err);
      }
    }
  }
}

function toEvent(r: Record<string, unknown>): RelayedEvent {
  return {
    id: Number(r.id),
    accountId: r.account_id as string,
    type: r.type as string,
    conversationId: r.conversation_id as string | null,
    actorType: r.actor_type as string,
    actorId: r.actor_id as string | null,
    data: r.data as Record<string, unknown>,
    createdAt: r.created_at as string,
  };
}
