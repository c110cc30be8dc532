import { useState } from "react";

/**
 * Message HTML (already sanitized by the server) is shown only inside a sandboxed iframe: no scripts, no
 * same-origin access, a CSP that blocks every remote load, so CSS and tracking pixels can't escape it.
 * Remote images arrive as data-remote-src and load only when the agent asks; inline images (cid:) come
 * from this server through signed URLs.
 */
export function HtmlBody({ html, text, remoteImages = 0 }: { html: string; text: string; remoteImages?: number }) {
  const [showText, setShowText] = useState(false);
  const [images, setImages] = useState(false);
  const body = images ? html.replace(/\sdata-remote-src=/g, " src=") : html;
  const imgSrc = images ? `data: ${location.origin} https: http:` : `data: ${location.origin}`;
  const doc = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src ${imgSrc}"><base target="_blank"><style>body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;word-wrap:break-word}img{max-width:100%}img[data-remote-src]{display:inline-block;min-width:16px;min-height:16px;background:#eef0f4}</style></head><body>${body}</body></html>`;
  return (
    <div className="msg-html">
      {showText ? <div className="msg-text">{text}</div> : <iframe title="Message" sandbox="" srcDoc={doc} referrerPolicy="no-referrer" />}
      <div className="msg-html-actions">
        <button type="button" className="btn link small" onClick={() => setShowText(!showText)}>
          {showText ? "Show formatted" : "Show plain text"}
        </button>
        {remoteImages > 0 && !images && !showText && (
          <button type="button" className="btn link small" data-testid="load-images" onClick={() => setImages(true)}>
            Load {remoteImages} remote image{remoteImages === 1 ? "" : "s"} (the sender may learn you opened this)
          </button>
        )}
      </div>
    </div>
  );
}
