#!/usr/bin/env node
// `npm start`: builds the agent workspace and the chat widget when their sources are newer than the build, then runs the server.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const built = path.join(root, "dist/web/index.html");

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const shared = newest(path.join(root, "src/shared"));
const vite = (args) => {
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn", ...args], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < Math.max(newest(path.join(root, "src/web")), shared)) {
  console.log("Building the agent workspace…");
  vite([]);
}
// The chat widget: the frame app and the snippet's loader (dist/widget).
const widget = path.join(root, "dist/widget/widget.js");
if (!fs.existsSync(widget) || fs.statSync(widget).mtimeMs < Math.max(newest(path.join(root, "src/widget")), shared)) {
  console.log("Building the chat widget…");
  vite(["-c", "vite.widget.config.ts"]);
  vite(["-c", "vite.widget.config.ts", "--mode", "loader"]);
}

const { register } = await import("tsx/esm/api");
register();
process.argv.splice(2, 0, "start");
await import(path.join(root, "src/server/main.ts"));
