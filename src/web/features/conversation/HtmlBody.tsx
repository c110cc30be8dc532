import { useState } from "react";

/**
 * Message HTML (already sanitized by the server) is shown only inside a sandboxed iframe: no scripts, no
 * same-origin access, a CSP that blocks every remote load, so CSS and tracking pixels can't escape it.
 */
export function HtmlBody({ html, text }: { html: string; text: string }) {
  const [showText, setShowText] = useState(false);
  const doc = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><base target="_blank"><style>body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;word-wrap:break-word}img{max-width:100%}</style></head><body>${html}</body></html>`;
  return (
    <div className="msg-html">
      {showText ? <div className="msg-text">{text}</div> : <iframe title="Message" sandbox="" srcDoc={doc} referrerPolicy="no-referrer" />}
      <button type="button" className="btn link small" onClick={() => setShowText(!showText)}>
        {showText ? "Show formatted" : "Show plain text"}
      </button>
    </div>
  );
}
