import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export type ServerProcess = { child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> };

/** Runs `rapport start` as a real separate process, the way `npm start` does, and waits for its URL. */
export async function startServerProcess(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = env.PORT ?? String(await freePort());
  const fullEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, RAPPORT_LOG_LEVEL: "warn", RAPPORT_SMTP_PORT: "off", ...env, PORT: port }))
    if (v !== undefined) fullEnv[k] = v;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "src/server/main.ts"), "start"], {
    cwd: root,
    env: fullEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (!out.includes("Rapport is running")) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url, output: () => out, exited };
}

/** Signs in with a password and returns an API token made through the API. */
export async function apiTokenFor(url: string, email: string, password: string): Promise<string> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
  const me = await login.json();
  const res = await fetch(`${url}/api/v1/api-tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": me.csrfToken },
    body: JSON.stringify({ name: "test" }),
  });
  return (await res.json()).token;
}
