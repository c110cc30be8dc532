import crypto from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Storage } from "./s3-storage";

const AWS_EXAMPLE = {
  kind: "s3" as const,
  region: "us-east-1",
  bucket: "examplebucket",
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  forcePathStyle: false,
};

describe("S3 storage signs requests per AWS Signature Version 4", () => {
  // The worked examples of AWS's "Signature Calculations for the Authorization Header" (single chunk).
  it("matches AWS's published GET Object example", () => {
    const s3 = new S3Storage(AWS_EXAMPLE);
    const url = new URL("https://examplebucket.s3.amazonaws.com/test.txt");
    const h = s3.signedHeaders("GET", url, null, { range: "bytes=0-9" }, new Date("2013-05-24T00:00:00Z"));
    expect(h.authorization).toContain("Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request");
    expect(h.authorization).toContain("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date");
    expect(h.authorization).toContain("Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  });

  it("matches AWS's published PUT Object example", () => {
    const s3 = new S3Storage(AWS_EXAMPLE);
    const url = new URL("https://examplebucket.s3.amazonaws.com/test%24file.text");
    const h = s3.signedHeaders(
      "PUT",
      url,
      Buffer.from("Welcome to Amazon S3."),
      { date: "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY" },
      new Date("2013-05-24T00:00:00Z"),
    );
    expect(h.authorization).toContain("Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  });
});

describe("S3 storage against an S3-compatible endpoint", () => {
  // A stand-in for an S3-compatible server (the real ones can't run here): path-style bucket, signed
  // requests required, S3's XML error bodies.
  const objects = new Map<string, Buffer>();
  let server: http.Server;
  let endpoint: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const auth = req.headers.authorization ?? "";
        const error = (status: number, code: string) => {
          res.writeHead(status, { "content-type": "application/xml" });
          res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
        };
        if (!auth.startsWith("AWS4-HMAC-SHA256 Credential=test-key/")) return error(403, "InvalidAccessKeyId");
        if (req.headers["x-amz-content-sha256"] !== crypto.createHash("sha256").update(body).digest("hex"))
          return error(400, "XAmzContentSHA256Mismatch");
        const [, bucket, ...rest] = (req.url ?? "").split("/");
        if (bucket !== "rapport") return error(404, "NoSuchBucket");
        const key = rest.join("/");
        if (req.method === "PUT") {
          objects.set(key, body);
          res.writeHead(200).end();
        } else if (req.method === "GET") {
          const o = objects.get(key);
          if (!o) return error(404, "NoSuchKey");
          res.writeHead(200, { "content-type": "application/octet-stream" }).end(o);
        } else if (req.method === "DELETE") {
          objects.delete(key);
          res.writeHead(204).end();
        } else error(405, "MethodNotAllowed");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const cfg = () => ({
    kind: "s3" as const,
    endpoint,
    region: "us-east-1",
    bucket: "rapport",
    accessKeyId: "test-key",
    secretAccessKey: "secret",
    forcePathStyle: true,
  });

  it("puts, gets and deletes objects, and reports S3 errors by code", async () => {
    const s3 = new S3Storage(cfg());
    await s3.put("acct/2026-11/file-1", Buffer.from("hello"), "text/plain");
    expect((await s3.get("acct/2026-11/file-1")).toString()).toBe("hello");
    await s3.delete("acct/2026-11/file-1");
    await expect(s3.get("acct/2026-11/file-1")).rejects.toThrow(/404 NoSuchKey/);
    await expect(new S3Storage({ ...cfg(), accessKeyId: "wrong" }).put("x", Buffer.from("x"), "text/plain")).rejects.toThrow(
      /403 InvalidAccessKeyId/,
    );
    await expect(new S3Storage({ ...cfg(), bucket: "nope" }).get("x")).rejects.toThrow(/NoSuchBucket/);
  });
});
