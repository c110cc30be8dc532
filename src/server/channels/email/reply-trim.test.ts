import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { trimReplyHtml, trimReplyText } from "./reply-trim";

const NEW = "Thanks, the parcel arrived today.";

describe("folding quoted history and signatures", () => {
  it.each([
    ["Gmail", "On Mon, 23 Nov 2026 at 10:00, Acme Support <help@acme.test> wrote:"],
    ["Gmail, wrapped", "On Mon, 23 Nov 2026 at 10:00, Acme Support <\nhelp@acme.test> wrote:"],
    ["Apple Mail", "> On 23 Nov 2026, at 10:00, Acme Support <help@acme.test> wrote:"],
    ["German", 'Am 23.11.2026 um 10:00 schrieb "Acme Support" <help@acme.test>:'],
    ["French", "Le lun. 23 nov. 2026 à 10:00, Acme Support <help@acme.test> a écrit :"],
    ["Spanish", "El lun, 23 nov 2026 a las 10:00, Acme Support (<help@acme.test>) escribió:"],
    ["Italian", "Il giorno lun 23 nov 2026 alle ore 10:00 Acme Support <help@acme.test> ha scritto:"],
    ["Dutch", "Op ma 23 nov. 2026 om 10:00 schreef Acme Support <help@acme.test>:"],
    ["Polish", "W dniu 23.11.2026 o 10:00, Acme Support <help@acme.test> napisał:"],
    ["Danish", "Den man. 23. nov. 2026 kl. 10.00 skrev Acme Support <help@acme.test>:"],
    ["Swedish", "Den 23 nov. 2026 kl. 10:00 skrev Acme Support <help@acme.test>:"],
    ["Finnish", "ma 23. marrask. 2026 klo 10.00 Acme Support (help@acme.test) kirjoitti:"],
    ["Czech", "Dne po 23. 11. 2026 10:00 uživatel Acme Support <help@acme.test> napsal:"],
    ["Slovak", "Dňa po 23. 11. 2026 o 10:00 Acme Support <help@acme.test> napísal(a):"],
    ["Portuguese", "Em seg., 23 de nov. de 2026 às 10:00, Acme Support <help@acme.test> escreveu:"],
    ["Russian", "пн, 23 нояб. 2026 г. в 10:00, Acme Support <help@acme.test>:"],
    ["Outlook", "-----Original Message-----\nFrom: Acme Support <help@acme.test>\nSent: Monday, November 23, 2026 10:00 AM"],
    [
      "Outlook, German",
      "Von: Acme Support <help@acme.test>\nGesendet: Montag, 23. November 2026 10:00\nAn: kunde@example.com\nBetreff: Ihre Bestellung",
    ],
    [
      "Outlook, rule",
      "________________________________\nFrom: Acme Support <help@acme.test>\nSent: Monday, November 23, 2026 10:00\nTo: kunde@example.com",
    ],
  ])("%s", (_name, header) => {
    const mail = `${NEW}\n\n${header}\n> Your parcel is on its way.\n> Acme Support`;
    const out = trimReplyText(mail);
    expect(out.visible).toBe(NEW);
    expect(out.quoted).toContain("Your parcel is on its way");
  });

  it("folds signatures and mobile footers, keeps them available", () => {
    expect(trimReplyText(`${NEW}\n\n-- \nLena Berg\nBerg & Co`)).toEqual({
      visible: NEW,
      quoted: null,
      signature: "-- \nLena Berg\nBerg & Co",
    });
    expect(trimReplyText(`${NEW}\n\nSent from my iPhone`).signature).toBe("Sent from my iPhone");
    expect(trimReplyText(`${NEW}\n\nVon meinem iPhone gesendet`).visible).toBe(NEW);
  });

  it("is conservative: prose, inline answers, forwards and all-quoted mail stay visible", () => {
    const prose = "On Monday I called you twice.\nMy colleague wrote: please check the order.\nStill nothing.";
    expect(trimReplyText(prose).visible).toBe(prose);
    const inline = "On Mon, 23 Nov 2026 at 10:00, Acme <help@acme.test> wrote:\n> Which size?\nM, please.\n> Which colour?\nBlue.";
    expect(trimReplyText(inline).visible).toContain("Blue.");
    const fwd =
      "See below.\n\n---------- Forwarded message ---------\nFrom: Shop <shop@example.com>\nDate: Mon, 23 Nov 2026\nSubject: Invoice\nTo: me@example.com\n\nYour invoice";
    expect(trimReplyText(fwd).visible).toContain("Your invoice");
    expect(trimReplyText("> only a quote\n> nothing else").visible).toBe("> only a quote\n> nothing else");
    const bottom = "On Mon, 23 Nov 2026 at 10:00, Acme <help@acme.test> wrote:\n> Which size?\n\nM, please.";
    expect(trimReplyText(bottom).visible).toBe("M, please.");
  });

  it("trims quoted HTML from Gmail, Apple Mail, Outlook and Thunderbird", () => {
    const gmail = `<div>${NEW}</div><br><div class="gmail_quote"><div class="gmail_attr">On Mon, 23 Nov 2026, Acme &lt;help@acme.test&gt; wrote:<br></div><blockquote class="gmail_quote">old</blockquote></div>`;
    const apple = `<div>${NEW}<br><div><br><blockquote type="cite"><div>On 23 Nov 2026, at 10:00, Acme wrote:</div>old</blockquote></div></div>`;
    const outlook = `<div>${NEW}</div><div id="divRplyFwdMsg"><b>From:</b> Acme<br><b>Sent:</b> Monday</div><div>old</div>`;
    const tb = `<p>${NEW}</p><div class="moz-cite-prefix">On 23/11/2026 10:00, Acme wrote:<br></div><blockquote type="cite">old</blockquote>`;
    for (const html of [gmail, apple, outlook, tb]) {
      const out = trimReplyHtml(html);
      expect(out.trimmed).toBe(true);
      expect(out.visible).toContain(NEW);
      expect(out.visible).not.toContain("old");
    }
    expect(trimReplyHtml(`<p>${NEW}</p>`)).toEqual({ visible: `<p>${NEW}</p>`, trimmed: false });
  });

  it("stays linear on hostile input", { timeout: 5000 }, () => {
    const quotes = "> a\n".repeat(200_000);
    expect(trimReplyText(`hi\n${quotes}`).visible).toBe("hi");
    const longLine = `${"x".repeat(1_000_000)} wrote:`;
    expect(trimReplyText(longLine).visible.length).toBe(longLine.length);
    const html = `<p>hi</p>${"<blockquote>".repeat(50_000)}`;
    expect(trimReplyHtml(html).visible.length).toBeGreaterThan(0);
  });
});

const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../../shared/corpora/email");
const talon = path.join(corpus, "talon-mailgun/tests/fixtures");
const crisp = path.join(corpus, "reply-parser-crisp/test/fixtures");
const present = fs.existsSync(talon) && fs.existsSync(crisp);
if (!present) console.log(`reply trimming measurement skipped: the shared corpus (${corpus}) is absent`);

describe.skipIf(!present)("reply trimming measured on talon (mailgun) and email-reply-parser (crisp) fixtures", () => {
  const norm = (s: string) => s.replace(/\s+/g, " ").trim();

  it("finds the reply in talon's standard replies and HTML replies", async () => {
    let ok = 0;
    const files = fs.readdirSync(path.join(talon, "standard_replies")).filter((f) => f.endsWith(".eml"));
    for (const f of files) {
      const mail = await simpleParser(fs.readFileSync(path.join(talon, "standard_replies", f)));
      const expectedFile = path.join(talon, "standard_replies", f.replace(/\.eml$/, "_reply_text"));
      // talon's own convention: the reply is "Hello" unless a _reply_text file says otherwise (it keeps signatures).
      const expected = fs.existsSync(expectedFile) ? fs.readFileSync(expectedFile, "utf8") : "Hello";
      const out = trimReplyText(mail.text ?? "");
      if (norm(out.visible) === norm(expected) || norm(`${out.visible} ${out.signature ?? ""}`) === norm(expected)) ok++;
    }
    let htmlOk = 0;
    const htmlFiles = fs.readdirSync(path.join(talon, "html_replies"));
    for (const f of htmlFiles) {
      const out = trimReplyHtml(fs.readFileSync(path.join(talon, "html_replies", f), "utf8"));
      const text = norm(
        out.visible
          .replace(/<style[\s\S]*?<\/style>/gi, "")
          .replace(/<[^>]*>/g, " ")
          .replace(/&nbsp;/g, " "),
      );
      if (out.trimmed && text.startsWith("Hi. I am fine.") && !/How are you/i.test(text)) htmlOk++;
    }
    console.log(
      `reply trimming, talon: ${ok}/${files.length} plain-text replies exact, ${htmlOk}/${htmlFiles.length} HTML replies trimmed to the answer`,
    );
    expect(ok).toBeGreaterThanOrEqual(files.length - 1);
    expect(htmlOk).toBeGreaterThanOrEqual(htmlFiles.length - 2);
  });

  it("folds history in crisp's fixtures without losing new text", () => {
    const files = fs.readdirSync(crisp).filter((f) => f.endsWith(".txt"));
    let folded = 0;
    let leaked = 0;
    for (const f of files) {
      const text = fs.readFileSync(path.join(crisp, f), "utf8");
      const out = trimReplyText(text);
      expect(out.visible.trim().length, f).toBeGreaterThan(0);
      if (out.quoted || out.signature) folded++;
      // History left visible: a Gmail-style header followed by quoted lines.
      if (/^(On|Am|Le|El) .{5,200}(wrote|schrieb|a écrit|escribió):?\s*\n\s*>/im.test(out.visible) && !/tricky_18|email_2\.txt/.test(f))
        leaked++;
    }
    console.log(
      `reply trimming, crisp: ${folded}/${files.length} fixtures folded (history or signature), ${leaked} with a quoted header left visible`,
    );
    expect(folded).toBeGreaterThanOrEqual(Math.floor(files.length * 0.75));
    expect(leaked).toBe(0);
  });
});
