import crypto from "node:crypto";
import pg from "pg";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, createPool, type Db } from "../../src/server/db/client";
import { OutboxRelay, type RelayedEvent } from "../../src/server/events/relay";
import { createTestDatabase, dropTestDatabase } from "../helpers/db";
import { waitFor } from "../helpers/wait";

// Two relays on one database stand for two Rapport nodes: whichever holds the cursor relays. An event
// committed while an older transaction is still open is delivered early by one of them; the other must
// not deliver it again when its ordered pass reaches it.
describe("outbox relay shared by several nodes", () => {
  let url: string;
  let pool: pg.Pool;
  let db: Db;
  beforeAll(async () => {
    url = await createTestDatabase();
    pool = createPool(url, 4);
    db = createDb(pool);
  });
  afterAll(async () => {
    await pool.end();
    await dropTestDatabase(url);
  });

  function relayInto(seen: RelayedEvent[]): OutboxRelay {
    const r = new OutboxRelay(db, (err) => {
      throw err;
    });
    r.listen(async (batch) => {
      seen.push(...batch);
    });
    return r;
  }

  async function writeEvent(type: string): Promise<number> {
    const res = await db.execute(
      sql`INSERT INTO events (account_id, type, actor_type, data) VALUES (${crypto.randomUUID()}, ${type}, 'system', '{}') RETURNING id`,
    );
    return Number((res.rows[0] as { id: string }).id);
  }

  /** An open write transaction: events committed meanwhile are above the relay's horizon until release(). */
  async function holdHorizon(): Promise<{ release: () => Promise<void> }> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("BEGIN");
    await client.query("SELECT pg_current_xact_id()");
    return {
      release: async () => {
        await client.query("COMMIT");
        await client.end();
      },
    };
  }

  async function cursorPassed(id: number): Promise<boolean> {
    const res = await db.execute(sql`SELECT event_id FROM outbox_cursor WHERE id = 1`);
    return Number((res.rows[0] as { event_id: string }).event_id) >= id;
  }

  it("an event one node delivered ahead of the cursor is not delivered again by the other", async () => {
    const onA: RelayedEvent[] = [];
    const onB: RelayedEvent[] = [];
    const nodeA = relayInto(onA);
    const nodeB = relayInto(onB);
    const blocker = await holdHorizon();
    let id: number;
    try {
      id = await writeEvent("test.early");
      await nodeA.relayBatch();
      expect(onA.map((e) => e.id)).toContain(id);
      const early = await db.execute(sql`SELECT count(*)::int AS n FROM outbox_early WHERE event_id = ${id}`);
      expect((early.rows[0] as { n: number }).n).toBe(1);
    } finally {
      await blocker.release();
    }
    // Node B now moves the cursor past it (other transactions on the server may hold the horizon a moment).
    await waitFor(async () => {
      await nodeB.relayBatch();
      return cursorPassed(id);
    }, 15_000, "the cursor to pass the early event");
    expect(onB.filter((e) => e.id === id)).toHaveLength(0);
    const left = await db.execute(sql`SELECT count(*)::int AS n FROM outbox_early WHERE event_id <= ${id}`);
    expect((left.rows[0] as { n: number }).n).toBe(0);
  });

  it("an event nobody delivered early is delivered once by the node that holds the cursor", async () => {
    const onA: RelayedEvent[] = [];
    const onB: RelayedEvent[] = [];
    const nodeA = relayInto(onA);
    const nodeB = relayInto(onB);
    const id = await writeEvent("test.ordered");
    await waitFor(async () => {
      await nodeA.relayBatch();
      await nodeB.relayBatch();
      return cursorPassed(id);
    }, 15_000, "the cursor to pass the event");
    expect([...onA, ...onB].filter((e) => e.id === id)).toHaveLength(1);
  });

  it("an early delivery whose relay transaction rolls back is delivered again (at least once)", async () => {
    const seen: RelayedEvent[] = [];
    const blocker = await holdHorizon();
    let id: number;
    try {
      id = await writeEvent("test.rolled-back");
      // The relay's transaction fails after delivering: its record of the early delivery goes with it.
      await expect(
        db.transaction(async (tx) => {
          const dying = new OutboxRelay(tx as unknown as Db, () => {});
          dying.listen(async (batch) => {
            seen.push(...batch);
          });
          await dying.relayBatch();
          throw new Error("node died");
        }),
      ).rejects.toThrow("node died");
      expect(seen.map((e) => e.id)).toContain(id);
    } finally {
      await blocker.release();
    }
    const again: RelayedEvent[] = [];
    const other = relayInto(again);
    await waitFor(async () => {
      await other.relayBatch();
      return cursorPassed(id);
    }, 15_000, "the cursor to pass the event");
    expect(again.filter((e) => e.id === id)).toHaveLength(1);
  });
});
