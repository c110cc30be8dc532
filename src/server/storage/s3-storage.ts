import crypto from "node:crypto";
import type { Config } from "../config";
import type { BlobStorage } from "./blob-storage";

type S3Config = Extract<Config["storage"], { kind: "s3" }>;

const sha256 = (data: string | Buffer) => crypto.createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) => crypto.createHmac("sha256", key).update(data).digest();

/**
 * S3-compatible object storage (AWS S3, MinIO, Cloudflare R2, Backblaze B2, Garage…) over plain HTTPS
 * with AWS Signature Version 4: three verbs need no SDK.
 */
export class S3Storage implements BlobStorage {
  private readonly base: URL;

  constructor(private readonly cfg: S3Config) {
    this.base = new URL(cfg.endpoint ?? `https://s3.${cfg.region}.amazonaws.com`);
  }

  private url(key: string): URL {
    const path = key.split("/").map(encodeURIComponent).join("/");
    if (this.cfg.forcePathStyle) return new URL(`${this.base.origin}/${this.cfg.bucket}/${path}`);
    return new URL(`${this.base.protocol}//${this.cfg.bucket}.${this.base.host}/${path}`);
  }

  /** Signs a request per the SigV4 contract (canonical request → string to sign → derived key). */
  signedHeaders(
    method: string,
    url: URL,
    body: Buffer | null,
    extra: Record<string, string> = {},
    now = new Date(),
  ): Record<string, string> {
    const amzDate = now.toISOString().replace(/[-:]|\.\d{3}/g, "");
    const day = amzDate.slice(0, 8);
    const payloadHash = sha256(body ?? "");
    const headers: Record<string, string> = { host: url.host, "x-amz-content-sha256": payloadHash, "x-amz-date": amzDate, ...extra };
    const names = Object.keys(headers)
      .map((h) => h.toLowerCase())
      .sort();
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim()]));
    const canonical = [
      method,
      url.pathname,
      url.searchParams.toString(),
      ...names.map((n) => `${n}:${lower[n]}`),
      "",
      names.join(";"),
      payloadHash,
    ].join("\n");
    const scope = `${day}/${this.cfg.region}/s3/aws4_request`;
    const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\n");
    const key = hmac(hmac(hmac(hmac(`AWS4${this.cfg.secretAccessKey}`, day), this.cfg.region), "s3"), "aws4_request");
    const signature = crypto.createHmac("sha256", key).update(toSign).digest("hex");
    return {
      ...headers,
      authorization: `AWS4-HMAC-SHA256 Credential=${this.cfg.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`,
    };
  }

  private async send(method: string, key: string, body: Buffer | null, extra: Record<string, string> = {}): Promise<Response> {
    const url = this.url(key);
    const res = await fetch(url, {
      method,
      headers: this.signedHeaders(method, url, body, extra),
      body: body ? new Uint8Array(body) : null,
      signal: AbortSignal.timeout(60_000),
    });
    if (!res.ok && !(method === "DELETE" && res.status === 404)) {
      const text = await res.text().catch(() => "");
      const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? res.statusText;
      throw new Error(`S3 ${method} ${key}: ${res.status} ${code}`);
    }
    return res;
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    await this.send("PUT", key, data, { "content-type": contentType, "content-length": String(data.length) });
  }

  async get(key: string): Promise<Buffer> {
    return Buffer.from(await (await this.send("GET", key, null)).arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    await this.send("DELETE", key, null);
  }
}
