import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";
import { freePort } from "./server-process";

export type Dovecot = {
  host: "127.0.0.1";
  port: number;
  user: string;
  password: string;
  /** Appends a raw message (unseen) over IMAP APPEND, so clients in IDLE hear EXISTS as with real delivery. */
  append(raw: Buffer | string, folder?: string): Promise<void>;
  /** Flags of every message in a folder, by UID, read back from the server. */
  flags(folder?: string): Promise<Map<number, string[]>>;
  createFolder(name: string): Promise<void>;
  /** Makes the INBOX message containing `marker` unreadable on disk: the server then fails every fetch of its content. */
  makeUnreadable(marker: string): void;
  /** Dovecot's log so far (logins, logouts with the bytes sent: `out=`). */
  log(): string;
  stop(): Promise<void>;
};

export function dovecotAvailable(): boolean {
  try {
    execFileSync("dovecot", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Mail runs as an unprivileged user: Dovecot refuses uid 0. As root that is `nobody`, else ourselves. */
function mailUser(): { uid: number; gid: number; name: string; group: string } {
  if (process.getuid?.() !== 0) {
    const info = os.userInfo();
    return { uid: info.uid, gid: info.gid, name: info.username, group: String(info.gid) };
  }
  const uid = Number(execFileSync("id", ["-u", "nobody"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "nobody"]).toString().trim());
  return { uid, gid, name: "nobody", group: execFileSync("id", ["-gn", "nobody"]).toString().trim() };
}

/** A private Dovecot (IMAP only, plaintext on loopback) with one user and a Maildir in a temp dir. */
export async function startDovecot(opts: { user?: string; password?: string } = {}): Promise<Dovecot> {
  if (!dovecotAvailable()) throw new Error("dovecot is not installed (apt-get install dovecot-imapd)");
  const user = opts.user ?? "support";
  const password = opts.password ?? "imap-test-password";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-dovecot-"));
  fs.chmodSync(dir, 0o755);
  const mu = mailUser();
  const home = path.join(dir, "home");
  fs.mkdirSync(path.join(dir, "run"), { recursive: true });
  fs.mkdirSync(home);
  fs.chownSync(home, mu.uid, mu.gid);
  fs.writeFileSync(path.join(dir, "passwd"), `${user}:{PLAIN}${password}\n`);
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/run/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = 1
mail_uid = ${mu.name}
mail_gid = ${mu.group}
${root ? "default_login_user = dovenull\ndefault_internal_user = dovecot" : `default_login_user = ${mu.name}\ndefault_internal_user = ${mu.name}`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mu.uid} gid=${mu.gid} home=${home}/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
  fs.writeFileSync(path.join(dir, "dovecot.conf"), conf);
  const child: ChildProcess = spawn("dovecot", ["-F", "-c", path.join(dir, "dovecot.conf")], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const kill = () => child.kill("SIGTERM");
  process.once("exit", kill);
  const log = () => {
    try {
      return fs.readFileSync(path.join(dir, "dovecot.log"), "utf8");
    } catch {
      return "";
    }
  };

  const client = () => new ImapFlow({ host: "127.0.0.1", port, secure: false, auth: { user, pass: password }, logger: false });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const c = client();
    try {
      await c.connect();
      await c.logout();
      break;
    } catch (err) {
      c.close();
      if (child.exitCode !== null || Date.now() > deadline) {
        kill();
        throw new Error(`dovecot did not start: ${(err as Error).message}\n${out}\n${log()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const withClient = async <T>(fn: (c: ImapFlow) => Promise<T>): Promise<T> => {
    const c = client();
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.logout().catch(() => c.close());
    }
  };

  return {
    host: "127.0.0.1",
    port,
    user,
    password,
    append: (raw, folder = "INBOX") =>
      withClient(async (c) => {
        await c.append(folder, Buffer.isBuffer(raw) ? raw : Buffer.from(raw), []);
      }),
    flags: (folder = "INBOX") =>
      withClient(async (c) => {
        const out = new Map<number, string[]>();
        await c.mailboxOpen(folder, { readOnly: true });
        for await (const m of c.fetch("1:*", { uid: true, flags: true }, { uid: false })) out.set(m.uid, [...(m.flags ?? [])]);
        return out;
      }),
    createFolder: (name) =>
      withClient(async (c) => {
        await c.mailboxCreate(name);
      }),
    makeUnreadable(marker) {
      const maildir = path.join(home, user, "Maildir");
      const files = ["new", "cur"].flatMap((d) => {
        const dir = path.join(maildir, d);
        return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
      });
      const hit = files.find((f) => fs.readFileSync(f).includes(marker));
      if (!hit) throw new Error(`no message with ${marker} in ${maildir}`);
      fs.chmodSync(hit, 0);
    },
    log,
    async stop() {
      process.off("exit", kill);
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        kill();
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
