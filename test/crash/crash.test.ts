import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { apiTokenFor, type ServerProcess, startServerProcess } from "../helpers/server-process";

/**
 * Durability: kill -9 the server (and in the second round its PostgreSQL too) while customers' messages
 * are being posted; after a restart every message that got a 2xx is there exactly once, and retrying the
 * unanswered ones with their Idempotency-Key adds each exactly once.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-crash-"));
const env = {
  RAPPORT_DATA_DIR: dataDir,
  DATABASE_URL: undefined,
  REDIS_URL: undefined,
  RAPPORT_ADMIN_EMAIL: "owner@crash.test",
  RAPPORT_ADMIN_PASSWORD: "crash-test-password",
};
let server: ServerProcess | null = null;

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill("SIGTERM");
    await server.exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function postmasterPid(): number {
  return Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
}

async function hammer(url: string, token: string, conversationId: string, round: number, stopAfterMs: number, kill: () => void) {
  const acked = new Set<string>();
  const unanswered = new Set<string>();
  let n = 0;
  let killed = false;
  setTimeout(() => {
    killed = true;
    kill();
  }, stopAfterMs);
  const worker = async () => {
    while (!killed) {
      const marker = `round${round}-msg${n++}`;
      try {
        const res = await fetch(`${url}/api/v1/conversations/${conversationId}/messages`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": marker },
          body: JSON.stringify({ kind: "incoming", text: marker }),
        });
        if (res.status === 201) acked.add(marker);
        else unanswered.add(marker);
      } catch {
        unanswered.add(marker);
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return { acked, unanswered };
}

async function allMessageTexts(url: string, token: string, conversationId: string): Promise<string[]> {
  const texts: string[] = [];
  let cursor: string | null = null;
  do {
    const res: Response = await fetch(`${url}/api/v1/conversations/${conversationId}/messages?limit=200${cursor ? `&cursor=${cursor}` : ""}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await res.json()) as { items: { text: string }[]; nextCursor: string | null };
    texts.push(...page.items.map((m: { text: string }) => m.text));
    cursor = page.nextCursor;
  } while (cursor);
  return texts;
}

describe("crash safety of acknowledged messages", () => {
  it("keeps every acknowledged message exactly once across kill -9 of the server, then of the server and PostgreSQL", { timeout: 180_000 }, async () => {
    server = await startServerProcess(env);
    let token = await apiTokenFor(server.url, env.RAPPORT_ADMIN_EMAIL, env.RAPPORT_ADMIN_PASSWORD);
    const created = await fetch(`${server.url}/api/v1/conversations`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ channel: "api", customer: { email: "crash@example.com" }, message: { text: "start" } }),
    });
    const conversationId = (await created.json()).id;

    // A second Rapport on the same data dir refuses to start, clearly.
    await expect(startServerProcess(env, 30_000)).rejects.toThrow(/already running on the data directory/);

    const expected = new Set<string>();
    for (const round of [1, 2]) {
      const s = server;
      const { acked, unanswered } = await hammer(s.url, token, conversationId, round, 1500, () => {
        if (round === 2) process.kill(postmasterPid(), "SIGKILL");
        s.child.kill("SIGKILL");
      });
      await s.exited;
      expect(acked.size).toBeGreaterThan(20);
      server = await startServerProcess(env);
      token = await apiTokenFor(server.url, env.RAPPORT_ADMIN_EMAIL, env.RAPPORT_ADMIN_PASSWORD);
      const texts = await allMessageTexts(server.url, token, conversationId);
      for (const m of acked) expect(texts.filter((t) => t === m), m).toHaveLength(1);
      // Retrying what got no answer (same Idempotency-Key) lands each exactly once.
      for (const m of unanswered) {
        const res = await fetch(`${server.url}/api/v1/conversations/${conversationId}/messages`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": m },
          body: JSON.stringify({ kind: "incoming", text: m }),
        });
        expect(res.status).toBe(201);
      }
      for (const m of [...acked, ...unanswered]) expected.add(m);
    }
    const texts = await allMessageTexts(server.url, token, conversationId);
    for (const m of expected) expect(texts.filter((t) => t === m), m).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith("round")).length).toBe(expected.size);
  });
});
