import { useCallback, useEffect, useState } from "react";
import type { ChatInbox, EmailInbox, InboundEmail, Me } from "../../../shared/schemas";
import { api } from "../../api/client";
import { navigate } from "../../app/router";
import { ChatInboxes } from "../chat/ChatInboxes";
import { InboxForm } from "./InboxForm";

function ImapState({ inbox }: { inbox: EmailInbox }) {
  const s = inbox.imapStatus;
  if (!s) return null;
  const label = s.state === "ok" ? "Fetching" : s.state === "error" ? "Fetching fails" : "Connecting…";
  return (
    <p className={`imap-state ${s.state}`} data-testid="imap-state">
      IMAP {inbox.imap?.user}@{inbox.imap?.host}: <strong>{label}</strong>
      {inbox.imap?.moveTo && <span data-testid="imap-move-to"> · imported mail moves to {inbox.imap.moveTo}</span>}
      {s.error && <span> — {s.error}</span>}
      {s.checkedAt && <span className="muted small"> (checked {new Date(s.checkedAt).toLocaleTimeString()})</span>}
    </p>
  );
}

/** Admins' page for inboxes: email addresses (mail in and out, mail that could not be processed) and website chats. */
export function InboxSettings({ me }: { me: Me }) {
  const [inboxes, setInboxes] = useState<EmailInbox[] | null>(null);
  const [chats, setChats] = useState<ChatInbox[]>([]);
  const [receiver, setReceiver] = useState<{ host: string; port: number } | null>(null);
  const [failed, setFailed] = useState<InboundEmail[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<EmailInbox | "new" | null>(null);
  const admin = me.user.role === "admin" || me.user.role === "owner";

  const load = useCallback(() => {
    setError(null);
    api.inboxes().then(
      (r) => {
        setInboxes(r.items.filter((i): i is EmailInbox => i.channel === "email"));
        setChats(r.items.filter((i): i is ChatInbox => i.channel === "chat"));
        setReceiver(r.receiver);
      },
      (e) => setError(e instanceof Error ? e.message : "Could not load the inboxes"),
    );
    if (admin)
      api.inboundEmails("unprocessable").then(
        (r) => setFailed(r.items),
        () => {},
      );
  }, [admin]);
  useEffect(load, [load]);

  const remove = async (i: EmailInbox) => {
    if (!window.confirm(`Remove ${i.address}? Its conversations stay; new mail to it will be refused.`)) return;
    await api.deleteInbox(i.id).then(load, (e) => setError(e instanceof Error ? e.message : "Removing failed"));
  };

  return (
    <main className="settings-page">
      <header className="settings-header">
        <button type="button" className="btn link" onClick={() => navigate("/")}>
          ← Back to conversations
        </button>
        <h1>Inboxes</h1>
      </header>
      {!admin && <p className="muted">Only admins and owners can change inboxes.</p>}
      <h2 className="settings-section-title">Email inboxes</h2>
      {receiver && (
        <p className="muted" data-testid="smtp-receiver">
          Rapport receives mail on SMTP at <code>{receiver.host}</code> port <code>{receiver.port}</code>: point your domain's MX record or
          your mailbox's forwarding rule there.
        </p>
      )}
      {error && (
        <div className="card" role="alert">
          <p>{error}</p>
          <button type="button" className="btn" onClick={load}>
            Try again
          </button>
        </div>
      )}
      {inboxes === null && !error && <div className="spinner" role="status" aria-label="Loading inboxes" />}
      {editing && (
        <InboxForm
          inbox={editing === "new" ? null : editing}
          onCancel={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            load();
          }}
        />
      )}
      {inboxes && inboxes.length === 0 && !editing && (
        <div className="empty card">
          <p className="empty-title">No email inbox yet</p>
          <p className="muted">Add your support address; customers' mail becomes conversations here and your replies go out from it.</p>
        </div>
      )}
      {inboxes && inboxes.length > 0 && (
        <ul className="inbox-list">
          {inboxes.map((i) => (
            <li key={i.id} className="card" data-testid="inbox-card">
              <h2>
                {i.name} <span className="muted">&lt;{i.address}&gt;</span>
              </h2>
              <p className="small">
                Mail in: {i.receiveSmtp ? "Rapport's SMTP receiver" : "not on the SMTP receiver"}
                {i.imap ? " and IMAP fetch" : ""} · Replies out: {i.smtp ? `${i.smtp.host}:${i.smtp.port}` : "the instance relay"}
                {i.acknowledgement.enabled ? " · Acknowledges new conversations" : ""}
              </p>
              <ImapState inbox={i} />
              {admin && (
                <div className="form-actions">
                  <button type="button" className="btn" onClick={() => setEditing(i)}>
                    Change
                  </button>
                  <button type="button" className="btn danger" onClick={() => void remove(i)}>
                    Remove
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {admin && !editing && (
        <button type="button" className="btn primary" onClick={() => setEditing("new")}>
          Add an email inbox
        </button>
      )}
      {inboxes && <ChatInboxes inboxes={chats} admin={admin} onChanged={load} onError={setError} />}
      {admin && failed.length > 0 && (
        <section aria-labelledby="unprocessable-title" className="card">
          <h2 id="unprocessable-title">Mail that could not be processed</h2>
          <p className="muted small">Kept exactly as received. Download it to look at it or to import it by hand.</p>
          <table className="table">
            <thead>
              <tr>
                <th>Received</th>
                <th>Sender</th>
                <th>Problem</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {failed.map((f) => (
                <tr key={f.id}>
                  <td>{new Date(f.createdAt).toLocaleString()}</td>
                  <td>{f.mailFrom ?? "—"}</td>
                  <td>{f.error}</td>
                  <td>
                    <a href={`/api/v1/inbound-emails/${f.id}/raw`} download>
                      Download .eml
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
