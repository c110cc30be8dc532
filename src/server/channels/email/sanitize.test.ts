import { describe, expect, it } from "vitest";
import { sanitizeEmailHtml } from "./sanitize";

const clean = (html: string) =>
  sanitizeEmailHtml(html, { resolveCid: (c) => (c === "logo@acme" ? "/api/v1/attachments/a1/inline?sig=s" : undefined) });

describe("email HTML sanitizer", () => {
  it.each([
    ["<img src=x onerror=alert(1)>", "onerror"],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', "javascript"],
    ['<a href=" JaVaScRiPt:alert(1)">x</a>', "alert"],
    ["<svg onload=alert(1)><circle/></svg>", "svg"],
    ["<style>@import url(//evil)</style><p>t</p>", "evil"],
    ['<div style="background:url(https://track/px)">a</div>', "url("],
    ['<div style="background:u&#114;l(x)">e</div>', "background"],
    ['<div style="width:expression(alert(1))">x</div>', "expression"],
    ['<div style="position:fixed;top:0">b</div>', "position"],
    ['<a href="data:text/html,<script>alert(1)</script>">d</a>', "data:"],
    ['<base href="https://evil/">', "base"],
    ['<meta http-equiv=refresh content="0;url=https://evil">', "refresh"],
    ["<form action=x><input name=a><button>go</button></form>", "input"],
    ["<iframe src=https://evil></iframe><object data=x></object><embed src=x>", "evil"],
    ['<img src="data:image/svg+xml;base64,PHN2Zz4=">', "svg"],
    ['<img src="x" data-remote-src="javascript:alert(1)">', "javascript"],
    ['<div id="app" class="x">t</div>', "app"],
    ["<!--[if mso]><p>conditional</p><![endif]-->ok", "conditional"],
  ])("removes what could run, load or escape: %s", (input, bad) => {
    expect(clean(input).html.toLowerCase()).not.toContain(bad.toLowerCase());
  });

  it("keeps the formatting of real mail", () => {
    const out = clean(
      '<table bgcolor="#fff" cellpadding="4"><tr><td><span style="color:#f00;font-weight:bold">Total</span></td></tr></table><p style="color: red; background-image: url(x)">Hi</p>',
    ).html;
    expect(out).toContain('bgcolor="#fff"');
    expect(out).toContain('style="color:#f00;font-weight:bold"');
    expect(out).toContain('<p style="color:red">Hi</p>');
  });

  it("holds remote images back, counts them, and maps cid: images to stored files", () => {
    const out = clean(
      '<img src="https://track.example/p.gif" alt="t"><img src="//cdn.example/x.png"><img src="cid:logo@acme"><img src="cid:unknown">',
    );
    expect(out.remoteImages).toBe(2);
    expect(out.html).toContain('data-remote-src="https://track.example/p.gif"');
    expect(out.html).toContain('data-remote-src="https://cdn.example/x.png"');
    expect(out.html).not.toMatch(/\ssrc="https?:/);
    expect(out.html).toContain('src="/api/v1/attachments/a1/inline?sig=s"');
    expect(out.html).not.toContain("cid:");
  });

  it("keeps raster data: images, drops other data: URLs", () => {
    expect(clean('<img src="data:image/png;base64,iVBORw0KGgo=">').html).toContain("data:image/png");
    expect(clean('<img src="data:text/html;base64,PHNjcmlwdD4=">').html).not.toContain("data:");
  });

  it("opens links in a new tab without a referrer", () => {
    expect(clean('<a href="https://acme.example/help" target="_self" rel="opener">help</a>').html).toBe(
      '<a href="https://acme.example/help" target="_blank" rel="noopener noreferrer nofollow">help</a>',
    );
  });

  it("stays fast and bounded on absurd nesting and large input", { timeout: 10_000 }, () => {
    const deep = `${"<div>".repeat(100_000)}x<script>alert(1)</script>${"</div>".repeat(100_000)}`;
    const out = clean(deep).html;
    expect(out).not.toContain("<script");
    expect(out.length).toBeLessThan(1000);
    const big = "<p style='color:red'>hello <b>world</b></p>".repeat(100_000);
    expect(clean(big).html.length).toBeGreaterThan(1_000_000);
  });
});
