import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifyWebsocket from "@fastify/websocket";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import type { Config } from "./config";
import type { AppContext } from "./context";
import { createDb, createPool } from "./db/client";
import { runMigrations } from "./db/migrate";
import { OutboxRelay } from "./events/relay";
import { renderDocsPage } from "./http/docs-page";
import { registerErrorHandling, registerJsonParser } from "./http/errors";
import { buildOpenApi, collectRoutes } from "./http/openapi";
import { serializerCompiler, validatorCompiler } from "./http/zod";
import { JobWorker } from "./jobs/queue";
import { CryptoBox } from "./lib/crypto-box";
import { createStorage } from "./storage/blob-storage";
import { apiTokenRoutes } from "./modules/api-tokens/routes";
import { authPlugin } from "./modules/auth/plugin";
import { authRoutes } from "./modules/auth/routes";
import { conversationRoutes } from "./modules/conversations/routes";
import { unsnoozeJob } from "./modules/conversations/unsnooze-job";
import { startMaintenance } from "./jobs/maintenance";
import { deliverMessageJob } from "./channels/deliver-job";
import { autoMailJob } from "./channels/email/acknowledge";
import { ingestEmailJob } from "./channels/email/ingest-job";
import { emailRoutes } from "./channels/email/routes";
import { chatPlugin } from "./channels/chat/plugin";
import { languagePlugin } from "./modules/language/plugin";
import { registerEmailRuntime } from "./channels/email/runtime";
import { inboxRoutes } from "./modules/inboxes/routes";
import { customerRoutes } from "./modules/customers/routes";
import { notificationRoutes } from "./modules/notifications/routes";
import { teamRoutes } from "./modules/teams/routes";
import { userRoutes } from "./modules/users/routes";
import { helpCenterPlugin } from "./help-center/plugin";
import { rewriteHelpCenterUrl } from "./modules/knowledge/custom-domains";
import { articleRoutes } from "./modules/knowledge/routes";
import { knowledgeSettingsRoutes } from "./modules/knowledge/settings-routes";
import { type Bus, MemoryBus, RedisBus } from "./realtime/bus";
import { RealtimeHub } from "./realtime/hub";
import { realtimeListener } from "./realtime/listener";
import { realtimeRoutes } from "./realtime/routes";

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/web");

/** Builds the whole server for a database URL; `npm start` and the tests build the same app. */
export async function buildApp(config: Config, databaseUrl: string, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    logController: new LogController({ disableRequestLogging: config.logLevel !== "debug" && config.logLevel !== "trace" }),
    routerOptions: { ignoreTrailingSlash: true },
    // A help center's custom domain (Host) is served at / by rewriting to /help/<slug>/… before routing.
    rewriteUrl: rewriteHelpCenterUrl,
  });
  const pool = createPool(databaseUrl, config.dbPoolSize);
  await runMigrations(pool);
  const db = createDb(pool);
  const bus: Bus = config.redisUrl ? await RedisBus.connect(config.redisUrl) : new MemoryBus();
  const hub = new RealtimeHub(bus);
  const relay = new OutboxRelay(db, (err) => app.log.error({ err }, "outbox relay failed"));
  const box = new CryptoBox({ secretKey: config.secretKey, dataDir: config.dataDir });
  const storage = createStorage(config);
  const deps = { config, box, storage, kick: () => relay.kick() };
  const worker = new JobWorker(db, deps, (err, type) => app.log.warn({ err, type }, "job failed"), 500, 5 * 60_000, config.jobConcurrency);
  worker.register(unsnoozeJob);
  worker.register(deliverMessageJob);
  worker.register(ingestEmailJob);
  worker.register(autoMailJob);
  relay.listen(realtimeListener(db, hub));

  const ctx: AppContext = {
    config,
    pool,
    db,
    bus,
    hub,
    relay,
    worker,
    box,
    storage,
    email: null,
    async write(_actor, fn) {
      const out = await db.transaction(fn);
      relay.kick();
      return out;
    },
    publicUrl(req) {
      return config.publicUrl ?? `${req.protocol}://${req.headers.host}`;
    },
  };
  app.decorate("ctx", ctx);
  ctx.email = registerEmailRuntime(app, ctx, deps);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerJsonParser(app);
  registerErrorHandling(app);
  const routes = collectRoutes(app);

  await app.register(fastifyCookie);
  // Public endpoints (sign-in, setup, sign-up, invites) opt in with `config.rateLimit`; per IP, per process.
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: { code: "rate_limited", message: `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s` },
    }),
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(authPlugin);

  app.addHook("onSend", async (_req, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
    return payload;
  });

  app.get("/healthz", { config: { public: true } }, async () => {
    await pool.query("SELECT 1");
    return { ok: true };
  });

  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(teamRoutes);
  await app.register(apiTokenRoutes);
  await app.register(customerRoutes);
  await app.register(conversationRoutes);
  await app.register(notificationRoutes);
  await app.register(inboxRoutes);
  await app.register(emailRoutes);
  await app.register(realtimeRoutes);
  await app.register(articleRoutes);
  await app.register(knowledgeSettingsRoutes);
  await app.register(helpCenterPlugin);
  await app.register(chatPlugin);
  await app.register(languagePlugin);

  let openapi: ReturnType<typeof buildOpenApi> | null = null;
  const doc = (req: { protocol: string; headers: { host?: string } }) =>
    (openapi ??= buildOpenApi(routes, config.publicUrl ?? `${req.protocol}://${req.headers.host}`));
  app.get("/api/v1/openapi.json", { config: { public: true } }, async (req) => doc(req));
  app.get("/api/docs", { config: { public: true } }, async (req, reply) => {
    reply.type("text/html; charset=utf-8").header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'");
    return renderDocsPage(doc(req) as never);
  });

  await registerWeb(app);

  let stopMaintenance = () => {};
  if (config.runWorkers) {
    app.addHook("onReady", async () => {
      relay.start();
      worker.start();
      stopMaintenance = startMaintenance(db, (err) => app.log.warn({ err }, "maintenance failed"));
    });
  }
  app.addHook("onClose", async () => {
    stopMaintenance();
    await relay.stop();
    await worker.stop();
    hub.close();
    await bus.close();
    await pool.end();
  });
  return app;
}

const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self' about:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** The agent workspace: built files from dist/web, with index.html for every client-side route. */
async function registerWeb(app: FastifyInstance) {
  const index = path.join(webDist, "index.html");
  if (!fs.existsSync(index)) {
    app.get("/", { config: { public: true } }, async (_req, reply) =>
      reply
        .type("text/html")
        .send("<!doctype html><p>The agent workspace is not built. Run <code>npm run build:web</code> (npm start does it for you).</p>"),
    );
    return;
  }
  await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, decorateReply: true });
  const html = fs.readFileSync(index, "utf8");
  const sendIndex = async (_req: unknown, reply: import("fastify").FastifyReply) =>
    reply.type("text/html; charset=utf-8").header("content-security-policy", WEB_CSP).header("cache-control", "no-cache").send(html);
  app.get("/", { config: { public: true } }, sendIndex);
  app.get("/*", { config: { public: true } }, async (req, reply) => {
    const p = req.url.split("?")[0];
    if (p.startsWith("/api/")) {
      return reply.status(404).send({ error: { code: "not_found", message: `No route ${req.method} ${p}` } });
    }
    const file = path.join(webDist, path.normalize(decodeURIComponent(p)).replace(/^(\.\.[/\\])+/, ""));
    if (file.startsWith(webDist) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      if (p.startsWith("/assets/")) reply.header("cache-control", "public, max-age=31536000, immutable");
      return reply.sendFile(path.relative(webDist, file));
    }
    return sendIndex(req, reply);
  });
}
