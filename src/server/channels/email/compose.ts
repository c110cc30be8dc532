const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const textToHtml = (s: string) => esc(s).replace(/\r?\n/g, "<br>");

/** "Re: <subject> [#1234]": the token lets a reply thread even when a client drops the headers. */
export function replySubject(subject: string | null, number: number): string {
  const base = (subject ?? "").replace(/[\r\n]+/g, " ").trim() || "Your message";
  const re = /^(re|aw|sv|vs|odp|r|antw|ynt)\s*:/i.test(base) ? base : `Re: ${base}`;
  return re.includes(`[#${number}]`) ? re : `${re} [#${number}]`;
}

/**
 * The reply, the inbox signature after an RFC 3676 "-- " line, and only the customer's last message quoted
 * (already stripped of its own history), so the mail stays short however long the thread gets.
 */
export function composeBodies(opts: {
  text: string;
  html: string | null;
  signature: string;
  quote?: { text: string; created_at: Date; from: { name: string | null; address: string } | null };
}): { text: string; html: string } {
  const sig = opts.signature.trim();
  const q = opts.quote;
  const who = q?.from ? (q.from.name ? `${q.from.name} <${q.from.address}>` : q.from.address) : "you";
  const header = q ? `On ${new Date(q.created_at).toUTCString()}, ${who} wrote:` : "";
  const quoted = q
    ? q.text
        .trim()
        .split("\n")
        .slice(0, 60)
        .map((l) => `> ${l}`)
        .join("\n")
    : "";
  const text = [opts.text.trim(), sig ? `-- \n${sig}` : "", q ? `${header}\n${quoted}` : ""].filter(Boolean).join("\n\n");
  const html = [
    `<div>${opts.html ?? textToHtml(opts.text.trim())}</div>`,
    sig ? `<div style="color:#555">-- <br>${textToHtml(sig)}</div>` : "",
    q
      ? `<div>${esc(header)}</div><blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${textToHtml(q.text.trim().split("\n").slice(0, 60).join("\n"))}</blockquote>`
      : "",
  ]
    .filter(Boolean)
    .join("\n");
  return { text, html: `<!doctype html><html><body>${html}</body></html>` };
}
