import { buildApp } from "../../src/server/app";
import { loadConfig } from "../../src/server/config";
import { guidancePlugin } from "../../src/server/modules/guidance/plugin";
import { guidanceRoutes } from "../../src/server/modules/guidance/routes";
import { createTeamOfAgents, type TestUser } from "../factories";
import { TEST_SECRET_KEY } from "../helpers/app";
import { createTestDatabase, dropTestDatabase } from "../helpers/db";

/**
 * The real app with the guidance routes, on a fresh database. The language plugin registers them; until it
 * does, they are registered here the same way (so these tests run either way).
 */
export async function startGuidanceApp(env: Record<string, string> = {}) {
  const databaseUrl = await createTestDatabase();
  const config = loadConfig({
    RAPPORT_LOG_LEVEL: "error",
    RAPPORT_DATA_DIR: "/nonexistent",
    RAPPORT_DB_POOL: "10",
    RAPPORT_SMTP_PORT: "off",
    RAPPORT_SECRET_KEY: TEST_SECRET_KEY,
    ...env,
  });
  const app = await buildApp(config, databaseUrl, { logger: process.env.TEST_LOG === "1" });
  if (!app.hasRoute({ method: "GET", url: "/api/v1/conversations/:id/guidance" })) {
    await app.register(guidanceRoutes);
    await app.register(guidancePlugin);
  }
  const serverErrors: string[] = [];
  app.addHook("onResponse", async (req, reply) => {
    if (reply.statusCode >= 500) serverErrors.push(`${req.method} ${req.url} → ${reply.statusCode}`);
  });
  await app.ready();
  const a = await createTeamOfAgents(app.ctx.db, "Acme");
  const b = await createTeamOfAgents(app.ctx.db, "Globex");
  let seq = 0;
  const as = (user: TestUser, o: { method: "GET" | "POST" | "PATCH"; url: string; payload?: unknown }) =>
    app.inject({ ...o, payload: o.payload as never, headers: { authorization: `Bearer ${user.token}` } });
  /** A conversation whose customer wrote `text` (then `more`), through the API channel. */
  const conversation = async (user: TestUser, text: string, opts: { language?: string; subject?: string; more?: string[] } = {}) => {
    const res = await as(user, {
      method: "POST",
      url: "/api/v1/conversations",
      payload: {
        channel: "api",
        customer: { email: `g${seq++}@example.com`, name: "Kim" },
        subject: opts.subject ?? "Help",
        message: { text },
        language: opts.language,
      },
    });
    if (res.statusCode !== 201) throw new Error(`create conversation: ${res.statusCode} ${res.body}`);
    const conv = res.json() as { id: string };
    for (const m of opts.more ?? []) {
      const r = await as(user, {
        method: "POST",
        url: `/api/v1/conversations/${conv.id}/messages`,
        payload: { kind: "incoming", text: m },
      });
      if (r.statusCode !== 201) throw new Error(`incoming: ${r.statusCode} ${r.body}`);
    }
    return conv;
  };
  const waitFor = async <T>(fn: () => Promise<T | null | undefined | false>, ms = 10_000): Promise<T> => {
    const until = Date.now() + ms;
    for (;;) {
      const v = await fn();
      if (v) return v;
      if (Date.now() > until) throw new Error("timed out waiting");
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return {
    app,
    a,
    b,
    as,
    conversation,
    waitFor,
    serverErrors,
    close: async () => {
      await app.close();
      await dropTestDatabase(databaseUrl);
      if (serverErrors.length) throw new Error(`the app answered 5xx:\n${serverErrors.join("\n")}`);
    },
  };
}
