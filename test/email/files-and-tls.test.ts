import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendMail, startEmailApp, waitFor } from "../helpers/email";

type App = Awaited<ReturnType<typeof startEmailApp>>;
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

describe("attachments, inline images and STARTTLS", () => {
  let t: App;
  let certDir: string;

  beforeAll(async () => {
    // A self-signed certificate, as an operator would configure a real one.
    certDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-tls-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-days",
        "1",
        "-keyout",
        path.join(certDir, "key.pem"),
        "-out",
        path.join(certDir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    t = await startEmailApp({ RAPPORT_SMTP_TLS_CERT: path.join(certDir, "cert.pem"), RAPPORT_SMTP_TLS_KEY: path.join(certDir, "key.pem") });
    await t.createInbox(t.a.admin, { address: "files@acme.test" });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(certDir, { recursive: true, force: true });
  });

  it("offers STARTTLS when a certificate is configured, and mail sent over it arrives", async () => {
    // requireTLS: nodemailer refuses to send unless the server upgraded the connection with STARTTLS.
    const transport = nodemailer.createTransport({
      host: "127.0.0.1",
      port: t.smtpPort,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
    });
    const info = await transport.sendMail({ from: "tls@example.com", to: "files@acme.test", subject: "Over TLS", text: "encrypted" });
    transport.close();
    expect(info.accepted).toEqual(["files@acme.test"]);
    await waitFor(async () => (await t.app.ctx.db.execute(sql`SELECT 1 FROM conversations WHERE subject = 'Over TLS'`)).rows.length === 1);
  });

  it("stores attachments under generated keys, serves them as downloads only, and inline images through signed URLs", async () => {
    await sendMail(t.smtpPort, {
      from: "Ines <ines@example.com>",
      to: "files@acme.test",
      subject: "Photos and files",
      html: '<p>See the logo <img src="cid:logo@ines"></p>',
      attachments: [
        { filename: "logo.png", content: PNG, contentType: "image/png", cid: "logo@ines" },
        { filename: "../../etc/passwd", content: Buffer.from("not a path"), contentType: "text/plain" },
        {
          filename: "drawing.svg",
          content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
          contentType: "image/svg+xml",
        },
        { filename: "page.html", content: Buffer.from("<script>alert(1)</script>"), contentType: "text/html" },
      ],
    });
    const conv = await waitFor(
      async () =>
        (await t.app.ctx.db.execute(sql`SELECT id FROM conversations WHERE subject = 'Photos and files'`)).rows[0] as
          | { id: string }
          | undefined,
    );
    const [msg] = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${conv.id}/messages` })).json().items;
    const names = msg.attachments.map((a: { filename: string }) => a.filename).sort();
    expect(names).toEqual([".._.._etc_passwd", "drawing.svg", "logo.png", "page.html"]);
    const keys = await t.app.ctx.db.execute(sql`SELECT storage_key FROM attachments`);
    for (const r of keys.rows as { storage_key: string }[]) expect(r.storage_key).toMatch(/^[0-9a-f-]{36}\/\d{4}-\d{2}\/[0-9a-f-]{36}$/);

    // The inline image loads from the sandboxed frame (no cookie) through its signed URL, and only so.
    const src = /src="([^"]+\/inline\?sig=[^"]+)"/.exec(msg.html)?.[1] as string;
    expect(src).toBeTruthy();
    const img = await t.app.inject({ method: "GET", url: src });
    expect(img.statusCode).toBe(200);
    expect(img.headers["content-type"]).toBe("image/png");
    expect(img.rawPayload.equals(PNG)).toBe(true);
    expect((await t.app.inject({ method: "GET", url: src.replace(/sig=./, "sig=x") })).statusCode).toBe(404);

    for (const a of msg.attachments as { filename: string; url: string; id: string }[]) {
      const res = await t.as(t.a.agent, { method: "GET", url: a.url });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-disposition"]).toMatch(/^attachment;/);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      if (/svg|html/.test(a.filename)) {
        expect(res.headers["content-type"]).toBe("application/octet-stream");
        // Never inline, even with a valid signature.
        const sig = t.app.ctx.box.sign(`attachment:${a.id}`);
        expect((await t.app.inject({ method: "GET", url: `/api/v1/attachments/${a.id}/inline?sig=${sig}` })).statusCode).toBe(404);
      }
      expect((await t.as(t.b.agent, { method: "GET", url: a.url })).statusCode).toBe(404);
    }
  });
});
