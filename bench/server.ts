// The server under test, in its own process so the load generator doesn't share its event loop. Built
// exactly as `npm start` builds it (buildApp, default pool size, background workers on), logging errors only.
import { buildApp } from "../src/server/app";
import { loadConfig } from "../src/server/config";

const databaseUrl = process.env.BENCH_DB as string;
const config = loadConfig({ ...process.env, REDIS_URL: "", RAPPORT_LOG_LEVEL: "error" });
const app = await buildApp(config, databaseUrl);
const address = await app.listen({ port: 0, host: "127.0.0.1" });
process.stdout.write(`READY ${address} pool=${config.dbPoolSize}\n`);
process.on("SIGTERM", () => void app.close().then(() => process.exit(0)));
