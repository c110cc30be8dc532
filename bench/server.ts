// The server under test, in its own process so the load generator doesn't share its event loop. Built
// exactly as `npm start` builds it (buildApp, default pool size, background workers on), logging errors only.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp } from "../src/server/app";
import { loadConfig } from "../src/server/config";

const databaseUrl = process.env.BENCH_DB as string;
// Attachments of the email benchmark go to a throwaway data dir; the SMTP receiver takes a free port.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-bench-"));
const config = loadConfig({ ...process.env, REDIS_URL: "", RAPPORT_LOG_LEVEL: "error", RAPPORT_SMTP_PORT: "0", RAPPORT_DATA_DIR: dataDir });
const app = await buildApp(config, databaseUrl);
const address = await app.listen({ port: 0, host: "127.0.0.1" });
process.stdout.write(`READY ${address} smtp=${app.ctx.email?.smtpPort()} pool=${config.dbPoolSize}\n`);
process.on(
  "SIGTERM",
  () =>
    void app.close().then(() => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    }),
);
