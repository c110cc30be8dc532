/** A self-contained page rendering the OpenAPI document: no CDN, works offline and on a closed network. */
const esc = (s: unknown) =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

export function renderDocsPage(doc: { info: { title: string; description?: string }; paths: Record<string, Record<string, any>> }): string {
  const sections = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? "other";
      const params = (op.parameters ?? []) as { name: string; in: string; required: boolean; schema: unknown }[];
      const body = op.requestBody?.content?.["application/json"]?.schema;
      const ok = Object.entries(op.responses ?? {}).find(([c]) => c.startsWith("2")) as [string, any] | undefined;
      const html = `<details class="op" id="${esc(method + path)}"><summary><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code> <span class="s">${esc(op.summary)}</span>${op.security?.length === 0 ? ' <span class="pub">public</span>' : ""}</summary>
${op.description ? `<p>${esc(op.description)}</p>` : ""}
${params.length ? `<h4>Parameters</h4><ul>${params.map((p) => `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ", required" : ""}) <code class="t">${esc(JSON.stringify(p.schema))}</code></li>`).join("")}</ul>` : ""}
${body ? `<h4>Request body</h4><pre>${esc(JSON.stringify(body, null, 2))}</pre>` : ""}
${ok ? `<h4>Response ${esc(ok[0])}</h4><pre>${esc(JSON.stringify(ok[1].content?.["application/json"]?.schema ?? {}, null, 2))}</pre>` : ""}
</details>`;
      sections.set(tag, [...(sections.get(tag) ?? []), html]);
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(doc.info.title)}</title><style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7fb}main{max-width:960px;margin:0 auto;padding:24px}
h1{margin:0 0 4px}h2{margin-top:32px;text-transform:capitalize;border-bottom:1px solid #dde;padding-bottom:4px}
.op{background:#fff;border:1px solid #dde;border-radius:8px;margin:8px 0;padding:8px 12px}.op summary{cursor:pointer}
.m{display:inline-block;min-width:56px;font:600 12px ui-monospace,monospace;text-align:center;border-radius:4px;padding:2px 4px;color:#fff}
.get{background:#2f6fde}.post{background:#1a8a4a}.patch{background:#b86e00}.delete{background:#c0392b}.put{background:#7a4fd1}
.s{color:#4a5468}.pub{font-size:12px;background:#eef;border-radius:4px;padding:1px 6px}pre{background:#f3f4f8;padding:8px;overflow:auto;font-size:12px;border-radius:6px}
code.t{font-size:12px;color:#555}a{color:#2f6fde}</style></head><body><main>
<h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description)}</p><p><a href="/api/v1/openapi.json">openapi.json</a> (OpenAPI 3.1)</p>
${[...sections].map(([tag, ops]) => `<section><h2>${esc(tag)}</h2>${ops.join("\n")}</section>`).join("\n")}
</main></body></html>`;
}
