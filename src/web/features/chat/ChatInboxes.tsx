import { useState } from "react";
import type { ChatInbox } from "../../../shared/schemas";
import { api } from "../../api/client";
import { type Secret, chatApi } from "../../api/chat";
import { ChatInboxForm } from "./ChatInboxForm";

function CopyButton({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="btn small-btn"
      onClick={() =>
        void navigator.clipboard?.writeText(text).then(() => {
          setDone(true);
          setTimeout(() => setDone(false), 1500);
        })
      }
    >
      {done ? "Copied" : label}
    </button>
  );
}

/** The identity secret, shown on request to admins, with the server-side code that signs an identify call. */
function IdentitySecret({ inbox }: { inbox: ChatInbox }) {
  const [secret, setSecret] = useState<Secret | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (p: Promise<Secret>) => p.then(setSecret, (e) => setError(e instanceof Error ? e.message : "Failed"));
  if (!secret) {
    return (
      <div className="chat-secret">
        <button type="button" className="btn" onClick={() => run(chatApi.secret(inbox.id))}>
          Show identity secret
        </button>
        {error && <span role="alert"> {error}</span>}
      </div>
    );
  }
  const node = `const hmac = crypto.createHmac("sha256", process.env.RAPPORT_CHAT_SECRET).update(user.id).digest("hex");\n// in the page: Rapport.identify({ id: user.id, email: user.email, name: user.name }, hmac)`;
  return (
    <div className="chat-secret" data-testid="identity-secret">
      <p className="small">
        Keep this on your server. Sign each signed-in user's id with it; only signed identities see their earlier conversations.
      </p>
      <div className="secret-row">
        <code className="secret">{secret.secret}</code>
        <CopyButton text={secret.secret} label="Copy" />
        <button
          type="button"
          className="btn danger small-btn"
          onClick={() =>
            window.confirm("Make a new secret? Identify calls signed with the current one stop verifying.") &&
            run(chatApi.rotateSecret(inbox.id))
          }
        >
          Rotate
        </button>
      </div>
      <pre className="snippet">
        <code>{node}</code>
      </pre>
    </div>
  );
}

/** Website chats: each with the snippet to paste, its allowed sites, and (admins) the identity secret. */
export function ChatInboxes({
  inboxes,
  admin,
  onChanged,
  onError,
}: {
  inboxes: ChatInbox[];
  admin: boolean;
  onChanged: () => void;
  onError: (m: string) => void;
}) {
  const [editing, setEditing] = useState<ChatInbox | "new" | null>(null);
  const remove = async (i: ChatInbox) => {
    if (!window.confirm(`Remove ${i.name}? Its conversations stay; the widget stops loading on your site.`)) return;
    await api.deleteInbox(i.id).then(onChanged, (e) => onError(e instanceof Error ? e.message : "Removing failed"));
  };
  const done = () => {
    setEditing(null);
    onChanged();
  };
  return (
    <section aria-labelledby="chat-inboxes-title" className="chat-inboxes">
      <h2 id="chat-inboxes-title">Website chat</h2>
      {editing && <ChatInboxForm inbox={editing === "new" ? null : editing} onDone={done} onCancel={() => setEditing(null)} />}
      {inboxes.length === 0 && !editing && (
        <div className="empty card">
          <p className="empty-title">No website chat yet</p>
          <p className="muted">
            Add one and paste its snippet into your site: visitors chat with your team, and find answers in your help center first.
          </p>
        </div>
      )}
      <ul className="inbox-list">
        {inboxes.map((i) => (
          <li key={i.id} className="card" data-testid="chat-inbox-card">
            <h3 className="chat-card-title">
              <span className="swatch" style={{ background: i.chat.primaryColor }} aria-hidden="true" />
              {i.name}
            </h3>
            <p className="small">
              {i.chat.allowedOrigins.length
                ? `Runs on ${i.chat.allowedOrigins.join(", ")}`
                : "Not allowed on any site yet: add your site's address"}
              {" · "}
              {i.chat.languages.length} languages{i.chat.businessHours.enabled ? ` · hours in ${i.chat.businessHours.timeZone}` : ""}
              {i.chat.requireVerifiedIdentity ? " · verified identities only" : ""}
            </p>
            <p className="small muted">Paste before &lt;/body&gt; on every page of your site:</p>
            <div className="snippet-row">
              <pre className="snippet" data-testid="embed-snippet">
                <code>{i.widget.snippet}</code>
              </pre>
              <CopyButton text={i.widget.snippet} label="Copy snippet" />
            </div>
            {admin && <IdentitySecret inbox={i} />}
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
      {admin && !editing && (
        <button type="button" className="btn primary" onClick={() => setEditing("new")}>
          Add a website chat
        </button>
      )}
    </section>
  );
}
