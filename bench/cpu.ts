import fs from "node:fs";
import os from "node:os";

/**
 * CPU time of the three parties sharing the machine during a measured window: the server under test (its
 * process), PostgreSQL (the postmaster and all its children: backends, WAL writer, checkpointer…) and the
 * load generator (this process). Read from /proc, so Linux only; elsewhere (or for a PostgreSQL on another
 * host) the missing parts print as "-".
 */
const TICK = 100; // USER_HZ: clock ticks per second in /proc; 100 on every Linux this runs on.

function procTicks(pid: number): number | undefined {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]); // utime + stime (fields 14 and 15)
  } catch {
    return undefined;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(s.slice(s.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/** The postmaster's pid from one of its backends' pid (`SELECT pg_backend_pid()`), when it runs here. */
export function postmasterOf(backendPid: number): number | undefined {
  return parentOf(backendPid);
}

function treeTicks(root: number): Map<number, number> {
  const out = new Map<number, number>();
  const self = procTicks(root);
  if (self === undefined) return out;
  out.set(root, self);
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    const pid = Number(d);
    if (parentOf(pid) !== root) continue;
    const t = procTicks(pid);
    if (t !== undefined) out.set(pid, t);
  }
  return out;
}

function machine(): { busy: number; steal: number; total: number } | undefined {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0];
    // user nice system idle iowait irq softirq steal
    const v = line.trim().split(/\s+/).slice(1, 9).map((x) => Number(x) || 0);
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: v[0] + v[1] + v[2] + v[5] + v[6], steal: v[7], total };
  } catch {
    return undefined;
  }
}

/** Shares of one core (100% = one core busy the whole window); `machine` and `steal` are of all cores. */
export type CpuUse = {
  server?: number;
  postgres?: number;
  loadgen: number;
  /** Everything else on the machine (other processes, kernel threads), in shares of one core. */
  other?: number;
  machine?: number;
  steal?: number;
  cores: number;
};

export class CpuMeter {
  constructor(
    private serverPid: number | undefined,
    private postmasterPid: number | undefined,
  ) {}

  start(): () => CpuUse {
    const t0 = performance.now();
    const srv0 = this.serverPid ? procTicks(this.serverPid) : undefined;
    const pg0 = this.postmasterPid ? treeTicks(this.postmasterPid) : new Map<number, number>();
    const me0 = process.cpuUsage();
    const m0 = machine();
    return () => {
      const secs = (performance.now() - t0) / 1000;
      const srv1 = this.serverPid ? procTicks(this.serverPid) : undefined;
      const pg1 = this.postmasterPid ? treeTicks(this.postmasterPid) : new Map<number, number>();
      const me = process.cpuUsage(me0);
      const m1 = machine();
      let pgTicks = 0;
      // A backend born inside the window counts from zero; one that ended inside it is lost (pools keep theirs).
      for (const [pid, t] of pg1) pgTicks += t - (pg0.get(pid) ?? 0);
      const pct = (ticks: number) => (100 * ticks) / TICK / secs;
      const cores = os.cpus().length;
      const server = srv0 !== undefined && srv1 !== undefined ? pct(srv1 - srv0) : undefined;
      const postgres = this.postmasterPid && pg1.size ? pct(pgTicks) : undefined;
      const loadgen = (100 * (me.user + me.system)) / 1e6 / secs;
      const machineBusy = m0 && m1 ? (100 * (m1.busy - m0.busy)) / (m1.total - m0.total) : undefined;
      const other =
        machineBusy !== undefined && server !== undefined && postgres !== undefined
          ? Math.max(0, machineBusy * cores - server - postgres - loadgen)
          : undefined;
      return {
        server,
        postgres,
        loadgen,
        other,
        machine: machineBusy,
        steal: m0 && m1 ? (100 * (m1.steal - m0.steal)) / (m1.total - m0.total) : undefined,
        cores,
      };
    };
  }
}

/** How busy the machine is before anything starts: other processes make every figure here noisy. */
export async function idleCheck(seconds = 3): Promise<number | undefined> {
  const m0 = machine();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const m1 = machine();
  return m0 && m1 ? (100 * (m1.busy - m0.busy)) / (m1.total - m0.total) : undefined;
}
