import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sendMail, waitFor } from "../helpers/email";
import { apiTokenFor, freePort, type ServerProcess, startServerProcess } from "../helpers/server-process";

/**
 * RFC 5321 §6.1 end to end: kill -9 Rapport during a burst of 500 mails; after a restart every mail
 * that got a 250 exists exactly once, and each becomes a conversation.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-mailcrash-"));
let server: ServerProcess | null = null;

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill("SIGTERM");
    await server.exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("crash safety of accepted mail", () => {
  it("keeps every mail that got a 250 exactly once across kill -9 of the server", { timeout: 240_000 }, async () => {
    const smtpPort = await freePort();
    const env = {
      RAPPORT_DATA_DIR: dataDir,
      DATABASE_URL: undefined,
      REDIS_URL: undefined,
      RAPPORT_ADMIN_EMAIL: "owner@mailcrash.test",
      RAPPORT_ADMIN_PASSWORD: "mail-crash-password",
      RAPPORT_SMTP_PORT: String(smtpPort),
    };
    server = await startServerProcess(env);
    const token = await apiTokenFor(server.url, env.RAPPORT_ADMIN_EMAIL, env.RAPPORT_ADMIN_PASSWORD);
    const inbox = await fetch(`${server.url}/api/v1/inboxes`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ channel: "email", name: "Support", address: "support@crash.test" }),
    });
    expect(inbox.status).toBe(201);

    const accepted = new Set<number>();
    let next = 0;
    let killed = false;
    const s = server;
    const sender = async () => {
      while (next < 500) {
        const i = next++;
        try {
          await sendMail(smtpPort, {
            from: `c${i}@example.com`,
            to: "support@crash.test",
            subject: `burst-${i}`,
            text: `mail ${i}`,
            messageId: `<burst-${i}@example.com>`,
          });
          accepted.add(i);
          if (accepted.size >= 150 && !killed) {
            killed = true;
            s.child.kill("SIGKILL");
          }
        } catch {
          // No 250: the sender's MTA would retry later; nothing is owed.
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, sender));
    await s.exited;
    expect(accepted.size).toBeGreaterThanOrEqual(150);
    expect(accepted.size).toBeLessThan(500);

    server = await startServerProcess(env);
    const after = await apiTokenFor(server.url, env.RAPPORT_ADMIN_EMAIL, env.RAPPORT_ADMIN_PASSWORD);
    const url = server.url;
    const subjects = await waitFor(
      async () => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res: Response = await fetch(`${url}/api/v1/conversations?status=open&limit=100${cursor ? `&cursor=${cursor}` : ""}`, {
            headers: { authorization: `Bearer ${after}` },
          });
          const page = (await res.json()) as { items: { subject: string }[]; nextCursor: string | null };
          seen.push(...page.items.map((c) => c.subject));
          cursor = page.nextCursor;
        } while (cursor);
        return [...accepted].every((i) => seen.includes(`burst-${i}`)) ? seen : null;
      },
      90_000,
      "every accepted mail as a conversation",
    );
    for (const i of accepted)
      expect(
        subjects.filter((x) => x === `burst-${i}`),
        `burst-${i}`,
      ).toHaveLength(1);
    expect(new Set(subjects).size).toBe(subjects.length);
  });
});
