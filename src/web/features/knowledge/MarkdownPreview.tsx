import { useEffect, useRef, useState } from "react";

type Render = (md: string) => string;
let renderer: Promise<Render> | null = null;
let ready: Render | null = null;

/**
 * markdown-it with raw HTML off (tags in the Markdown come out as text) and its link check (no javascript:
 * URLs), loaded only when an editor opens. The server renders and sanitizes the saved version itself.
 */
function loadRenderer(): Promise<Render> {
  renderer ??= import("markdown-it").then(({ default: MarkdownIt }) => {
    const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
    ready = (s: string) => md.render(s);
    return ready;
  });
  return renderer;
}

const STYLE =
  "body{font:15px/1.6 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;padding:12px 14px;color:#1d2330;overflow-wrap:anywhere}" +
  "h1,h2,h3{line-height:1.25;margin:1em 0 .4em}h1:first-child,h2:first-child,p:first-child{margin-top:0}" +
  "img{max-width:100%}a{color:#2f5bd3}code{background:#eef0f5;border-radius:4px;padding:0 4px}" +
  "pre{background:#eef0f5;padding:8px;border-radius:6px;overflow:auto}blockquote{border-left:3px solid #d5d9e3;margin:0;padding-left:12px;color:#5b6475}" +
  "table{border-collapse:collapse}td,th{border:1px solid #e2e5ee;padding:4px 8px}.empty{color:#8a93ad}";

/**
 * The live preview, shown only inside a sandboxed iframe (no scripts, no same-origin access, a CSP that
 * blocks remote loads), so nothing typed into the editor can run in the workspace.
 */
const EMPTY = '<p class="empty">Nothing to preview yet.</p>';

export function MarkdownPreview({ markdown, title }: { markdown: string; title: string }) {
  // Once the renderer is loaded, the first paint already shows the text; typing then re-renders after a pause.
  const [html, setHtml] = useState<string | null>(() => (ready ? (markdown.trim() ? ready(markdown) : EMPTY) : null));
  const first = useRef(true);
  useEffect(() => {
    let live = true;
    const t = window.setTimeout(
      () => {
        loadRenderer().then(
          (render) => live && setHtml(markdown.trim() ? render(markdown) : EMPTY),
          () => live && setHtml('<p class="empty">The preview could not load.</p>'),
        );
      },
      first.current ? 0 : 150,
    );
    first.current = false;
    return () => {
      live = false;
      window.clearTimeout(t);
    };
  }, [markdown]);
  const doc = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data: ${location.origin}"><style>${STYLE}</style></head><body>${html ?? '<p class="empty">Loading the preview…</p>'}</body></html>`;
  return (
    <iframe className="kb-preview" title={title} sandbox="" srcDoc={doc} referrerPolicy="no-referrer" data-testid="markdown-preview" />
  );
}
