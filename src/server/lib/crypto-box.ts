import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Encrypts stored credentials (IMAP/SMTP passwords) with AES-256-GCM. The key is RAPPORT_SECRET_KEY, or
 * a key made once in the data dir: a database dump alone never reveals a mailbox password.
 */
export class CryptoBox {
  private key: Buffer | null = null;

  constructor(private readonly opts: { secretKey?: string; dataDir: string }) {}

  private keyBytes(): Buffer {
    if (this.key) return this.key;
    if (this.opts.secretKey) return (this.key = Buffer.from(this.opts.secretKey, "hex"));
    const file = path.join(this.opts.dataDir, "secret.key");
    try {
      this.key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "hex");
    } catch {
      fs.mkdirSync(this.opts.dataDir, { recursive: true });
      const key = crypto.randomBytes(32);
      // wx: two processes starting at once keep the first key, never overwrite it.
      try {
        fs.writeFileSync(file, key.toString("hex"), { mode: 0o600, flag: "wx" });
        this.key = key;
      } catch {
        this.key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "hex");
      }
    }
    if (this.key.length !== 32) throw new Error(`${file} does not hold a 32-byte hex key`);
    return this.key;
  }

  /** A MAC for capability URLs (inline images load in a sandboxed frame that carries no cookie). */
  sign(data: string): string {
    return crypto.createHmac("sha256", this.keyBytes()).update(`sign:${data}`).digest("base64url").slice(0, 32);
  }

  verify(data: string, sig: string): boolean {
    const want = Buffer.from(this.sign(data));
    const got = Buffer.from(sig);
    return got.length === want.length && crypto.timingSafeEqual(got, want);
  }

  seal(plain: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", this.keyBytes(), iv);
    const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return `v1:${iv.toString("base64")}:${cipher.getAuthTag().toString("base64")}:${ct.toString("base64")}`;
  }

  open(sealed: string): string {
    const [v, iv, tag, ct] = sealed.split(":");
    if (v !== "v1" || !iv || !tag || ct === undefined) throw new Error("not a sealed secret");
    const decipher = crypto.createDecipheriv("aes-256-gcm", this.keyBytes(), Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]).toString("utf8");
  }
}
