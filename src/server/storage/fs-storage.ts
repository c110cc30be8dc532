import fs from "node:fs/promises";
import path from "node:path";
import type { BlobStorage } from "./blob-storage";

const SAFE_KEY = /^[a-zA-Z0-9][a-zA-Z0-9/_-]{0,200}$/;

/** Files under <data dir>/attachments, written to a temp name, fsynced, then renamed: never half a file. */
export class FsStorage implements BlobStorage {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, "attachments");
  }

  private file(key: string): string {
    if (!SAFE_KEY.test(key) || key.includes("..")) throw new Error(`invalid storage key ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.file(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    const fh = await fs.open(tmp, "w", 0o600);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, file);
  }

  get(key: string): Promise<Buffer> {
    return fs.readFile(this.file(key));
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.file(key), { force: true });
  }
}
