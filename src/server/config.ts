import path from "node:path";
import { z } from "zod";

/** Every setting Rapport reads, parsed and validated in one place (environment + CLI flags). */
const bool = z.enum(["true", "false", "1", "0", "yes", "no", "on", "off"]).transform((v) => ["true", "1", "yes", "on"].includes(v));

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
  RAPPORT_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  RAPPORT_TRUST_PROXY: bool.default(false),
  RAPPORT_ROLE: z.enum(["all", "web", "worker"]).default("all"),
  RAPPORT_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RAPPORT_DB_POOL: z.coerce.number().int().min(1).max(200).default(20),
  RAPPORT_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  RAPPORT_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  RAPPORT_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`")
    .optional(),
  RAPPORT_ALLOW_PRIVATE_HOSTS: bool.default(false),
  RAPPORT_SMTP_PORT: z.union([z.literal("off"), z.coerce.number().int().min(0).max(65535)]).default(2525),
  RAPPORT_SMTP_HOST: z.string().optional(),
  RAPPORT_SMTP_HOSTNAME: z.string().optional(),
  RAPPORT_SMTP_TLS_CERT: z.string().optional(),
  RAPPORT_SMTP_TLS_KEY: z.string().optional(),
  RAPPORT_SMTP_MAX_SIZE: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
  RAPPORT_SMTP_RELAY_URL: z
    .string()
    .regex(/^smtps?:\/\//, "smtp://user:password@host:port or smtps://…")
    .optional(),
  RAPPORT_EMAIL_AUTO_LIMIT: z.coerce.number().int().min(0).max(1000).default(3),
  RAPPORT_IMAP_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  RAPPORT_STORAGE: z.enum(["fs", "s3"]).default("fs"),
  RAPPORT_S3_ENDPOINT: z.string().url().optional(),
  RAPPORT_S3_REGION: z.string().default("us-east-1"),
  RAPPORT_S3_BUCKET: z.string().optional(),
  RAPPORT_S3_ACCESS_KEY_ID: z.string().optional(),
  RAPPORT_S3_SECRET_ACCESS_KEY: z.string().optional(),
  RAPPORT_S3_FORCE_PATH_STYLE: bool.default(true),
  RAPPORT_CHAT_FOLLOW_UP_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
  RAPPORT_HELP_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(120),
  RAPPORT_LLM_URL: z.string().url().optional(),
  RAPPORT_LLM_MODEL: z.string().min(1).max(200).optional(),
  RAPPORT_LLM_API_KEY: z.string().optional(),
  RAPPORT_LLM_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  RAPPORT_LLM_ANALYSIS: bool.default(false),
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
  /** Jobs one process runs side by side. */
  jobConcurrency: number;
  /** Background loops (outbox relay, job worker, snooze waker) run in this process. */
  runWorkers: boolean;
  demo: boolean;
  /** Public help-center searches and pages per minute per IP. */
  helpRateLimit: number;
  /** 32-byte key that encrypts stored credentials (IMAP/SMTP passwords); else kept in the data dir. */
  secretKey?: string;
  /** An agent's chat reply the visitor has not read after this long goes to their email (when they left one). */
  chatFollowUpSeconds: number;
  /**
   * An OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, vLLM, llama.cpp server) for drafting,
   * translation and better classification; null: every feature runs on the offline engine.
   */
  llm: { url: string; model: string; apiKey?: string; timeoutMs: number; /** Also ask it to classify every customer message (RAPPORT_LLM_ANALYSIS). */ analysis?: boolean } | null;
  email: {
    /** The built-in SMTP receiver; null when off. */
    smtp: { port: number; host: string; hostname?: string; tls?: { cert: string; key: string }; maxSize: number } | null;
    relayUrl?: string;
    /** Rapport's automatic mail to one address per hour, at most. */
    autoLimitPerHour: number;
    /** Admin-configured IMAP/SMTP servers may be on loopback or private networks (off: SSRF-safe). */
    allowPrivateHosts: boolean;
    imapPollSeconds: number;
  };
  storage:
    | { kind: "fs" }
    | {
        kind: "s3";
        endpoint?: string;
        region: string;
        bucket: string;
        accessKeyId: string;
        secretAccessKey: string;
        forcePathStyle: boolean;
      };
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Config {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")));
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
  if ((e.RAPPORT_SMTP_TLS_CERT === undefined) !== (e.RAPPORT_SMTP_TLS_KEY === undefined)) {
    throw new ConfigError("Set both RAPPORT_SMTP_TLS_CERT and RAPPORT_SMTP_TLS_KEY (PEM file paths), or neither.");
  }
  if ((e.RAPPORT_LLM_URL === undefined) !== (e.RAPPORT_LLM_MODEL === undefined)) {
    throw new ConfigError("Set both RAPPORT_LLM_URL (e.g. http://localhost:11434/v1) and RAPPORT_LLM_MODEL, or neither.");
  }
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
    jobConcurrency: e.RAPPORT_JOB_CONCURRENCY,
    demo: argv.includes("--demo"),
    helpRateLimit: e.RAPPORT_HELP_RATE_LIMIT,
    secretKey: e.RAPPORT_SECRET_KEY,
    chatFollowUpSeconds: e.RAPPORT_CHAT_FOLLOW_UP_SECONDS,
    llm:
      e.RAPPORT_LLM_URL && e.RAPPORT_LLM_MODEL
        ? { url: e.RAPPORT_LLM_URL, model: e.RAPPORT_LLM_MODEL, apiKey: e.RAPPORT_LLM_API_KEY, timeoutMs: e.RAPPORT_LLM_TIMEOUT_MS, analysis: e.RAPPORT_LLM_ANALYSIS }
        : null,
    email: {
      smtp:
        e.RAPPORT_SMTP_PORT === "off"
          ? null
          : {
              port: e.RAPPORT_SMTP_PORT,
              host: e.RAPPORT_SMTP_HOST ?? e.HOST,
              hostname: e.RAPPORT_SMTP_HOSTNAME,
              tls:
                e.RAPPORT_SMTP_TLS_CERT && e.RAPPORT_SMTP_TLS_KEY
                  ? { cert: e.RAPPORT_SMTP_TLS_CERT, key: e.RAPPORT_SMTP_TLS_KEY }
                  : undefined,
              maxSize: e.RAPPORT_SMTP_MAX_SIZE,
            },
      relayUrl: e.RAPPORT_SMTP_RELAY_URL,
      autoLimitPerHour: e.RAPPORT_EMAIL_AUTO_LIMIT,
      allowPrivateHosts: e.RAPPORT_ALLOW_PRIVATE_HOSTS,
      imapPollSeconds: e.RAPPORT_IMAP_POLL_SECONDS,
    },
    storage: storageConfig(e),
  };
}

function storageConfig(e: z.infer<typeof EnvSchema>): Config["storage"] {
  if (e.RAPPORT_STORAGE === "fs") return { kind: "fs" };
  if (!e.RAPPORT_S3_BUCKET || !e.RAPPORT_S3_ACCESS_KEY_ID || !e.RAPPORT_S3_SECRET_ACCESS_KEY) {
    throw new ConfigError("RAPPORT_STORAGE=s3 needs RAPPORT_S3_BUCKET, RAPPORT_S3_ACCESS_KEY_ID and RAPPORT_S3_SECRET_ACCESS_KEY.");
  }
  return {
    kind: "s3",
    endpoint: e.RAPPORT_S3_ENDPOINT,
    region: e.RAPPORT_S3_REGION,
    bucket: e.RAPPORT_S3_BUCKET,
    accessKeyId: e.RAPPORT_S3_ACCESS_KEY_ID,
    secretAccessKey: e.RAPPORT_S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.RAPPORT_S3_FORCE_PATH_STYLE,
  };
}
