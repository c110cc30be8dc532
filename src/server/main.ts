import { ConfigError, loadConfig } from "./config";
import { buildApp } from "./app";
import { bootstrapAdmin } from "./bootstrap";
import { DataDirLockedError, lockDataDir, startEmbeddedPostgres } from "./db/embedded";
import { createPool } from "./db/client";
import { runMigrations } from "./db/migrate";

/** `rapport start [--demo] [--port N]` (default) or `rapport migrate`. */
async function main() {
  const [command = "start", ...rest] = process.argv.slice(2).filter((a, i) => !(i === 0 && a === "--"));
  const argv = command.startsWith("--") ? [command, ...rest] : rest;
  const cmd = command.startsWith("--") ? "start" : command;
  const config = loadConfig(process.env, argv);

  let databaseUrl = config.databaseUrl;
  const cleanups: (() => Promise<void> | void)[] = [];
  if (!databaseUrl) {
    const unlock = lockDataDir(config.dataDir);
    cleanups.push(unlock);
    console.log(`Starting the embedded PostgreSQL in ${config.dataDir} …`);
    const pg = await startEmbeddedPostgres(config.dataDir);
    cleanups.unshift(() => pg.stop());
    databaseUrl = pg.url("rapport");
  }
  const shutdown = async () => {
    for (const c of cleanups) await c();
  };

  if (cmd === "migrate") {
    const pool = createPool(databaseUrl, 2);
    await runMigrations(pool);
    await pool.end();
    await shutdown();
    console.log("Migrations applied.");
    return;
  }
  if (cmd !== "start") throw new ConfigError(`Unknown command "${cmd}". Use: start [--demo] [--port N] | migrate`);

  const app = await buildApp(config, databaseUrl);
  cleanups.unshift(() => app.close());
  const boot = await bootstrapAdmin(app.ctx.db, config);
  if (boot === "created") console.log(`Created the owner ${config.admin?.email}.`);
  if (config.demo) {
    const { seedDemo } = await import("./demo/seed");
    const summary = await seedDemo(app.ctx.db, { box: app.ctx.box });
    console.log(summary);
  }
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: shutting down…`);
    await shutdown();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  const address = await app.listen({ port: config.port, host: config.host });
  const url = config.publicUrl ?? address.replace("127.0.0.1", "localhost");
  const smtp = app.ctx.email?.smtpPort();
  const mail = smtp ? `Mail in: SMTP on ${config.email.smtp?.host}:${smtp} (point an MX or a forwarding rule here)\n` : "";
  console.log(`\nRapport is running at ${url}\nAPI docs: ${url}/api/docs\n${mail}`);
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
