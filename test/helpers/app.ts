import type { FastifyInstance, InjectOptions, LightMyRequestResponse as LightResponse } from "fastify";
import { buildApp } from "../../src/server/app";
import { loadConfig } from "../../src/server/config";
import { createTeamOfAgents, type TestUser } from "../factories";
import { createTestDatabase, dropTestDatabase } from "./db";

export const TEST_SECRET_KEY = "0".repeat(63) + "1";

export type TestApp = {
  app: FastifyInstance;
  databaseUrl: string;
  /** A request as this user (bearer token). */
  as: (user: TestUser, opts: InjectOptions) => Promise<LightResponse>;
  /** Every 5xx this app answered; `close()` fails the test file if there is any (no input may cause a 500). */
  serverErrors: string[];
  close: () => Promise<void>;
};

/** The real app on a fresh database; `env` overrides configuration (e.g. RAPPORT_SIGNUP). */
export async function startTestApp(
  env: Record<string, string> = {},
  opts: { databaseUrl?: string; listen?: boolean } = {},
): Promise<TestApp> {
  const databaseUrl = opts.databaseUrl ?? (await createTestDatabase());
  const config = loadConfig({
    RAPPORT_LOG_LEVEL: "error",
    RAPPORT_DATA_DIR: "/nonexistent",
    RAPPORT_DB_POOL: "10",
    RAPPORT_SMTP_PORT: "off",
    RAPPORT_SECRET_KEY: TEST_SECRET_KEY,
    ...env,
  });
  const app = await buildApp(config, databaseUrl, { logger: process.env.TEST_LOG === "1" });
  const serverErrors: string[] = [];
  app.addHook("onResponse", async (req, reply) => {
    if (reply.statusCode >= 500) serverErrors.push(`${req.method} ${req.url} → ${reply.statusCode}`);
  });
  if (opts.listen) await app.listen({ port: 0, host: "127.0.0.1" });
  else await app.ready();
  return {
    app,
    databaseUrl,
    as: (user, o) => app.inject({ ...o, headers: { authorization: `Bearer ${user.token}`, ...(o.headers ?? {}) } } as InjectOptions),
    serverErrors,
    close: async () => {
      await app.close();
      if (!opts.databaseUrl) await dropTestDatabase(databaseUrl);
      if (serverErrors.length) throw new Error(`the app answered 5xx:\n${serverErrors.join("\n")}`);
    },
  };
}

export async function startTestAppWithTeam(env: Record<string, string> = {}, opts: { listen?: boolean } = {}) {
  const t = await startTestApp(env, opts);
  const a = await createTeamOfAgents(t.app.ctx.db, "Acme");
  const b = await createTeamOfAgents(t.app.ctx.db, "Globex");
  return { ...t, a, b };
}

export function listeningUrl(app: FastifyInstance): string {
  const addr = app.server.address();
  if (!addr || typeof addr === "string") throw new Error("app is not listening");
  return `http://127.0.0.1:${addr.port}`;
}
