import path from "node:path";
import { z } from "zod";

/** Every setting Rapport reads, parsed and validated in one place (environment + CLI flags). */
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"])
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  RAPPORT_DATA_DIR: z.string().default("./data"),
  RAPPORT_ADMIN_EMAIL: z.string().email().optional(),
  RAPPORT_ADMIN_PASSWORD: z.string().min(8).optional(),
  RAPPORT_ACCOUNT_NAME: z.string().min(1).max(120).default("My company"),
  RAPPORT_SIGNUP: z.enum(["open", "closed"]).default("closed"),
  RAPPORT_BODY_LIMIT: z.coerce.number().int().min(1024).default(1024 * 1024),
  RAPPORT_TRUST_PROXY: bool.default(false),
  RAPPORT_ROLE: z.enum(["all", "web", "worker"]).default("all"),
  RAPPORT_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RAPPORT_DB_POOL: z.coerce.number().int().min(1).max(200).default(20),
  RAPPORT_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
});

export type Config = {
  port: number;
  host: string;
  publicUrl?: string;
  databaseUrl?: string;
  redisUrl?: string;
  dataDir: string;
  admin?: { email: string; password: string; accountName: string };
  signupOpen: boolean;
  bodyLimit: number;
  trustProxy: boolean;
  role: "all" | "web" | "worker";
  logLevel: string;
  dbPoolSize: number;
  sessionDays: number;
  /** Background loops (outbox relay, job worker, snooze waker) run in this process. */
  runWorkers: boolean;
  demo: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Config {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? (argv[i + 1] ?? "") : undefined;
  };
  const port = flag("port") !== undefined ? Number(flag("port")) : e.PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`Invalid --port: ${flag("port")}`);
  if ((e.RAPPORT_ADMIN_EMAIL === undefined) !== (e.RAPPORT_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError("Set both RAPPORT_ADMIN_EMAIL and RAPPORT_ADMIN_PASSWORD, or neither.");
  }
  return {
    port,
    host: flag("host") ?? e.HOST,
    publicUrl: e.PUBLIC_URL,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: path.resolve(e.RAPPORT_DATA_DIR),
    admin:
      e.RAPPORT_ADMIN_EMAIL && e.RAPPORT_ADMIN_PASSWORD
        ? { email: e.RAPPORT_ADMIN_EMAIL, password: e.RAPPORT_ADMIN_PASSWORD, accountName: e.RAPPORT_ACCOUNT_NAME }
        : undefined,
    signupOpen: e.RAPPORT_SIGNUP === "open",
    bodyLimit: e.RAPPORT_BODY_LIMIT,
    trustProxy: e.RAPPORT_TRUST_PROXY,
    role: e.RAPPORT_ROLE,
    logLevel: e.RAPPORT_LOG_LEVEL,
    dbPoolSize: e.RAPPORT_DB_POOL,
    sessionDays: e.RAPPORT_SESSION_DAYS,
    runWorkers: e.RAPPORT_ROLE !== "web",
    demo: argv.includes("--demo"),
  };
}
