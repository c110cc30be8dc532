import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendRaw, startEmailApp, waitFor } from "../helpers/email";

type App = Awaited<ReturnType<typeof startEmailApp>>;

/** Bytes of `text` in a legacy charset, from a table of its non-ASCII characters (written out, not computed by a codec). */
function encode(text: string, table: Record<string, number>): Buffer {
  return Buffer.from(
    [...text].map((c) => {
      const code = c.charCodeAt(0) < 128 ? c.charCodeAt(0) : table[c];
      if (code === undefined) throw new Error(`no byte for ${c}`);
      return code;
    }),
  );
}

const POLISH = "Zażółć gęślą jaźń";
const ISO_8859_2 = { ą: 0xb1, ć: 0xe6, ę: 0xea, ł: 0xb3, ń: 0xf1, ó: 0xf3, ś: 0xb6, ź: 0xbc, ż: 0xbf };
// windows-1250 differs from iso-8859-2 exactly on ą, ś and ź.
const WINDOWS_1250 = { ...ISO_8859_2, ą: 0xb9, ś: 0x9c, ź: 0x9f };
const WINDOWS_1252 = { "€": 0x80, "–": 0x96, "“": 0x93, "”": 0x94, é: 0xe9 };
const KOI8_R = { П: 0xf0, р: 0xd2, и: 0xc9, в: 0xd7, е: 0xc5, т: 0xd4, м: 0xcd };
// こんにちは in ISO-2022-JP: switch to JIS X 0208, five two-byte characters, back to ASCII.
const KONNICHIWA = Buffer.from([0x1b, 0x24, 0x42, 0x24, 0x33, 0x24, 0x73, 0x24, 0x4b, 0x24, 0x41, 0x24, 0x4f, 0x1b, 0x28, 0x42]);

type Case = {
  name: string;
  headers?: string;
  contentType?: string;
  body?: Buffer;
  subject?: string;
  text?: string;
  from?: string;
  fromName?: string;
  files?: string[];
};

const b64 = (b: Buffer | string) => Buffer.from(b).toString("base64");

const CASES: Case[] = [
  {
    name: "iso-8859-1",
    contentType: "text/plain; charset=iso-8859-1",
    body: Buffer.from("Grüße aus Köln, Señor", "latin1"),
    text: "Grüße aus Köln, Señor",
  },
  { name: "iso-8859-2", contentType: "text/plain; charset=iso-8859-2", body: encode(POLISH, ISO_8859_2), text: POLISH },
  { name: "windows-1250", contentType: "text/plain; charset=windows-1250", body: encode(POLISH, WINDOWS_1250), text: POLISH },
  {
    name: "windows-1252",
    contentType: "text/plain; charset=windows-1252",
    body: encode("Price: €5 – “café”", WINDOWS_1252),
    text: "Price: €5 – “café”",
  },
  { name: "koi8-r", contentType: "text/plain; charset=koi8-r", body: encode("Привет, мир", KOI8_R), text: "Привет, мир" },
  { name: "utf-7", contentType: "text/plain; charset=utf-7", body: Buffer.from("Hi Mom -+Jjo--! Gr+APwA3w-e"), text: "Hi Mom -☺-! Grüße" },
  { name: "iso-2022-jp", contentType: "text/plain; charset=iso-2022-jp", body: KONNICHIWA, text: "こんにちは" },
  {
    name: "base64 utf-8 body",
    contentType: "text/plain; charset=utf-8",
    headers: "Content-Transfer-Encoding: base64\r\n",
    body: Buffer.from(b64("Заказ №42 не пришёл")),
    text: "Заказ №42 не пришёл",
  },
  { name: "encoded-word subject, Q, iso-8859-1", subject: "=?iso-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?=", text: "plain" },
  { name: "encoded-word subject, B, utf-8", subject: `=?utf-8?B?${b64("Заказ №42 не пришёл")}?=`, text: "plain" },
  { name: "adjacent encoded words", subject: "=?utf-8?Q?Caf=C3=A9?= =?utf-8?Q?_cr=C3=A8me?=", text: "plain" },
  { name: "encoded-word subject, utf-7", subject: "=?utf-7?Q?Hi_Mom_-+Jjo--!?=", text: "plain" },
  { name: "encoded-word subject, iso-2022-jp", subject: `=?iso-2022-jp?B?${b64(KONNICHIWA)}?=`, text: "plain" },
  {
    name: "encoded-word name",
    from: "=?iso-8859-2?Q?Zdzis=B3aw_=A3=F3d=BC?= <zdzislaw@example.com>",
    fromName: "Zdzisław Łódź",
    text: "plain",
  },
  {
    name: "RFC 2231 filenames",
    contentType: 'multipart/mixed; boundary="F"',
    body: Buffer.from(
      [
        "--F",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Files attached.",
        "--F",
        "Content-Type: text/plain",
        "Content-Disposition: attachment; filename*=iso-8859-1''%C4rger%20%FCber%20Rechnung.txt",
        "",
        "one",
        "--F",
        "Content-Type: application/pdf",
        "Content-Disposition: attachment; filename*0*=utf-8''%E2%82%AC%20invoice; filename*1*=%20%E2%84%96%2042.pdf",
        "",
        "two",
        "--F--",
        "",
      ].join("\r\n"),
    ),
    text: "Files attached.",
    files: ["Ärger über Rechnung.txt", "€ invoice № 42.pdf"],
  },
  // Mislabelled: Latin-1 bytes declared UTF-8, and a charset no one knows. Replacement characters, no exception.
  {
    name: "latin-1 labelled utf-8",
    contentType: "text/plain; charset=utf-8",
    body: Buffer.from("Grüße", "latin1"),
    text: "Gr\uFFFD\uFFFDe",
  },
  { name: "unknown charset", contentType: "text/plain; charset=x-klingon", body: Buffer.from("caf\xe9", "latin1"), text: "caf\uFFFD" },
];

function rawMail(c: Case, i: number): Buffer {
  const head = [
    `From: ${c.from ?? `charset${i}@example.com`}`,
    "To: charsets@acme.test",
    `Subject: ${c.subject ?? `Charset case ${i}`}`,
    `Message-ID: <charset-${i}@example.com>`,
    "Date: Mon, 23 Nov 2026 10:00:00 +0000",
    "MIME-Version: 1.0",
    ...(c.contentType ? [`Content-Type: ${c.contentType}`] : []),
  ].join("\r\n");
  return Buffer.concat([
    Buffer.from(`${head}\r\n${c.headers ?? ""}\r\n`, "latin1"),
    c.body ?? Buffer.from("plain\r\n"),
    Buffer.from("\r\n"),
  ]);
}

describe("charsets through the real inbound path (SMTP receiver → conversation)", () => {
  let t: App;
  const results = new Map<number, { subject: string | null; text: string; author: string | null; files: string[] }>();

  beforeAll(async () => {
    t = await startEmailApp();
    await t.createInbox(t.a.admin, { address: "charsets@acme.test" });
    for (const [i, c] of CASES.entries()) await sendRaw(t.smtpPort, "sender@example.com", ["charsets@acme.test"], rawMail(c, i));
    const rows = await waitFor(
      async () => {
        const r = await t.app.ctx.db.execute(
          sql`SELECT message_id_header, status, error, conversation_id FROM inbound_emails WHERE message_id_header LIKE 'charset-%'`,
        );
        const list = r.rows as { message_id_header: string; status: string; error: string | null; conversation_id: string }[];
        return list.length === CASES.length && list.every((x) => x.status !== "received") ? list : null;
      },
      30_000,
      "every mail processed",
    );
    for (const row of rows) {
      expect(row, row.message_id_header).toMatchObject({ status: "processed", error: null });
      const i = Number(/^charset-(\d+)@/.exec(row.message_id_header)?.[1]);
      const conv = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${row.conversation_id}` })).json();
      const [m] = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${row.conversation_id}/messages` })).json().items;
      results.set(i, {
        subject: conv.subject,
        text: m.text,
        author: m.author.name,
        files: m.attachments.map((a: { filename: string }) => a.filename),
      });
    }
  }, 120_000);
  afterAll(() => t?.close());

  it.each(CASES.map((c, i) => [c.name, i] as const))("%s", (_name, i) => {
    const c = CASES[i];
    const r = results.get(i);
    expect(r).toBeDefined();
    if (c.text !== undefined) expect(r?.text).toBe(c.text);
    if (c.files) expect(r?.files).toEqual(c.files);
    if (c.fromName) expect(r?.author).toBe(c.fromName);
    const subjects: Record<string, string> = {
      "encoded-word subject, Q, iso-8859-1": "Grüße aus Köln",
      "encoded-word subject, B, utf-8": "Заказ №42 не пришёл",
      "adjacent encoded words": "Café crème",
      "encoded-word subject, utf-7": "Hi Mom -☺-!",
      "encoded-word subject, iso-2022-jp": "こんにちは",
    };
    expect(r?.subject).toBe(subjects[c.name] ?? `Charset case ${i}`);
  });
});
