import { useEffect, useState } from "react";
import { api, type EmailThread } from "../../api/client";

const ADDRESS = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

type Props = { conversationId: string; cc: string[] | null; onCc: (cc: string[] | null) => void };

/**
 * Who an email reply goes to, always in view: To is the customer, Cc starts as the people on the thread and
 * the agent adds or removes them. Nothing is copied that the agent didn't see here.
 */
export function EmailRecipients({ conversationId, cc, onCc }: Props) {
  const [thread, setThread] = useState<EmailThread | null>(null);
  const [input, setInput] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.emailThread(conversationId).then(
      (t) => {
        if (!live) return;
        setThread(t);
        onCc(t.cc.map((a) => a.address));
      },
      () => live && onCc(null),
    );
    return () => {
      live = false;
    };
  }, [conversationId, onCc]);

  if (!thread || cc === null) return null;
  const add = (raw: string) => {
    const parts = raw
      .split(/[\s,;]+/)
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    const bad = parts.find((p) => !ADDRESS.test(p));
    if (bad) return setError(`“${bad}” is not an email address`);
    setError(null);
    onCc([...new Set([...cc, ...parts.filter((p) => !thread.to.some((t) => t.address === p))])]);
    setInput("");
  };
  const names = new Map(thread.cc.map((a) => [a.address, a.name]));
  return (
    <div className="recipients" data-testid="email-recipients">
      <div className="recipient-row">
        <span className="recipient-label">To</span>
        {thread.to.map((a) => (
          <span key={a.address} className="chip" title={a.address}>
            {a.name ? `${a.name} <${a.address}>` : a.address}
          </span>
        ))}
      </div>
      <div className="recipient-row">
        <label className="recipient-label" htmlFor="composer-cc">
          Cc
        </label>
        {cc.map((a) => (
          <span key={a} className="chip" data-testid="cc-chip">
            {names.get(a) ? `${names.get(a)} <${a}>` : a}
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove ${a} from Cc`}
              onClick={() => onCc(cc.filter((x) => x !== a))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id="composer-cc"
          data-testid="cc-input"
          className="recipient-input"
          value={input}
          placeholder={cc.length ? "" : "Add people to copy"}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "cc-error" : undefined}
          onChange={(e) => setInput(e.target.value)}
          onBlur={() => input.trim() && add(input)}
          onKeyDown={(e) => {
            if ((e.key === "Enter" || e.key === "," || e.key === ";") && input.trim()) {
              e.preventDefault();
              add(input);
            } else if (e.key === "Backspace" && !input && cc.length) onCc(cc.slice(0, -1));
          }}
        />
      </div>
      {error && (
        <p className="form-error" id="cc-error" role="alert">
          {error}
        </p>
      )}
      {thread.inbox && (
        <p className="muted small">Sent from {thread.inbox.address}; the customer's answer comes back to this conversation.</p>
      )}
    </div>
  );
}
