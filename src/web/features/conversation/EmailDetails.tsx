import { useState } from "react";
import type { Message } from "../../../shared/schemas";
import { api } from "../../api/client";
import { HtmlBody } from "./HtmlBody";

const fmtAddr = (a: { name: string | null; address: string }) => (a.name ? `${a.name} <${a.address}>` : a.address);
const fmtSize = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${Math.round(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** From/To/Cc of an email message, in one quiet line (full list on hover). */
export function EmailHeader({ email }: { email: NonNullable<Message["email"]> }) {
  const to = email.to.map(fmtAddr).join(", ");
  const cc = email.cc.map(fmtAddr).join(", ");
  return (
    <p className="email-header muted small" data-testid="email-header">
      {email.automatic && <span className="chip auto">{email.automatic === "bounce" ? "Bounce" : "Auto-reply"}</span>}
      {email.from && <span title={email.from.address}>From {fmtAddr(email.from)}</span>}
      {to && <span> · To {to}</span>}
      {cc && <span data-testid="email-cc"> · Cc {cc}</span>}
    </p>
  );
}

/** The mail as it came, quoted history and signature included: folded away by default. */
export function EmailOriginal({ m }: { m: Message }) {
  const [open, setOpen] = useState(false);
  const email = m.email;
  if (!email || (!email.originalText && !email.originalHtml && !email.rawUrl)) return null;
  return (
    <div className="email-original">
      {(email.originalText || email.originalHtml) && (
        <button type="button" className="btn link small" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="show-original">
          {open ? "Hide quoted text" : "Show quoted text"}
        </button>
      )}
      {email.rawUrl && (
        <a className="btn link small" href={email.rawUrl} download>
          Download original (.eml)
        </a>
      )}
      {open &&
        (email.originalHtml ? (
          <HtmlBody html={email.originalHtml} text={email.originalText ?? m.text} remoteImages={email.remoteImages} />
        ) : (
          <div className="msg-text quoted">{email.originalText}</div>
        ))}
    </div>
  );
}

export function Attachments({ items }: { items: Message["attachments"] }) {
  const files = items.filter((a) => !a.inline);
  if (!files.length) return null;
  return (
    <ul className="attachments" aria-label="Attachments">
      {files.map((a) => (
        <li key={a.id}>
          <a href={a.url} download={a.filename} data-testid="attachment">
            {a.filename}
          </a>{" "}
          <span className="muted small">
            {fmtSize(a.size)} · {a.contentType}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Where a reply is on its way to the customer; a failed one says why and can be sent again. */
export function DeliveryStatus({ m, onChanged }: { m: Message; onChanged: (m: Message) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const d = m.delivery;
  if (!d) return null;
  if (d.status === "sent") return <p className="delivery sent muted small">Sent</p>;
  if (d.status === "pending")
    return (
      <p className="delivery pending muted small" data-testid="delivery-pending">
        {d.error ? `Sending… (retrying: ${d.error})` : "Sending…"}
      </p>
    );
  return (
    <div className="delivery failed" role="alert" data-testid="delivery-failed">
      <strong>Not delivered.</strong> <span>{d.error ?? "The mail server refused this reply."}</span>{" "}
      <button
        type="button"
        className="btn small"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            onChanged(await api.retryMessage(m.id));
          } catch (err) {
            setError(err instanceof Error ? err.message : "Retry failed");
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? "Retrying…" : "Retry"}
      </button>
      {error && <span className="form-error"> {error}</span>}
    </div>
  );
}
