import { type FormEvent, useState } from "react";
import type { EmailInbox } from "../../../shared/schemas";
import { ApiError, api } from "../../api/client";
import { AiAgentSection } from "../empathy/AiAgentSection";

type Server = { host: string; port: string; security: "tls" | "starttls" | "none"; user: string; password: string };
const blank = (port: string, security: Server["security"]): Server => ({ host: "", port, security, user: "", password: "" });
const fromInbox = (s: EmailInbox["smtp"], port: string, security: Server["security"]): Server =>
  s ? { host: s.host, port: String(s.port), security: s.security, user: s.user ?? "", password: "" } : blank(port, security);

function ServerFields({
  id,
  value,
  onChange,
  hasPassword,
  userRequired,
}: {
  id: string;
  value: Server;
  onChange: (s: Server) => void;
  hasPassword: boolean;
  userRequired?: boolean;
}) {
  const set = (k: keyof Server) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  return (
    <div className="form-grid">
      <label htmlFor={`${id}-host`}>Server</label>
      <input id={`${id}-host`} required value={value.host} onChange={set("host")} placeholder="mail.example.com" autoComplete="off" />
      <label htmlFor={`${id}-port`}>Port</label>
      <input id={`${id}-port`} required inputMode="numeric" pattern="[0-9]{1,5}" value={value.port} onChange={set("port")} />
      <label htmlFor={`${id}-security`}>Security</label>
      <select id={`${id}-security`} value={value.security} onChange={set("security")}>
        <option value="tls">TLS</option>
        <option value="starttls">STARTTLS</option>
        <option value="none">None (local network only)</option>
      </select>
      <label htmlFor={`${id}-user`}>User name</label>
      <input id={`${id}-user`} required={userRequired} value={value.user} onChange={set("user")} autoComplete="off" />
      <label htmlFor={`${id}-password`}>Password or app password</label>
      <input
        id={`${id}-password`}
        type="password"
        value={value.password}
        onChange={set("password")}
        autoComplete="new-password"
        placeholder={hasPassword ? "Unchanged (stored encrypted)" : ""}
      />
    </div>
  );
}

const server = (s: Server) => ({
  host: s.host.trim(),
  port: Number(s.port),
  security: s.security,
  ...(s.user.trim() ? { user: s.user.trim() } : {}),
  ...(s.password ? { password: s.password } : {}),
});

/** Add or change an email inbox: the address, how mail arrives, how replies leave, the acknowledgement. */
export function InboxForm({ inbox, onDone, onCancel }: { inbox: EmailInbox | null; onDone: () => void; onCancel: () => void }) {
  const [name, setName] = useState(inbox?.name ?? "");
  const [address, setAddress] = useState(inbox?.address ?? "");
  const [signature, setSignature] = useState(inbox?.signature ?? "");
  const [receiveSmtp, setReceiveSmtp] = useState(inbox?.receiveSmtp ?? true);
  const [ownSmtp, setOwnSmtp] = useState(!!inbox?.smtp);
  const [smtp, setSmtp] = useState<Server>(fromInbox(inbox?.smtp ?? null, "587", "starttls"));
  const [useImap, setUseImap] = useState(!!inbox?.imap);
  const [imap, setImap] = useState<Server>(fromInbox(inbox?.imap ?? null, "993", "tls"));
  const [folder, setFolder] = useState(inbox?.imap?.folder ?? "INBOX");
  const [moveTo, setMoveTo] = useState(inbox?.imap?.moveTo ?? "");
  const [ack, setAck] = useState(inbox?.acknowledgement ?? { enabled: false, subject: "We received your message", text: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const common = {
      name,
      signature,
      receiveSmtp,
      smtp: ownSmtp ? server(smtp) : null,
      imap: useImap ? { ...server(imap), user: imap.user.trim(), folder, ...(moveTo.trim() ? { moveTo: moveTo.trim() } : {}) } : null,
      acknowledgement: ack,
    };
    try {
      await (inbox ? api.updateInbox(inbox.id, common) : api.createInbox({ channel: "email", address, ...common }));
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Saving failed; try again.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card inbox-form" onSubmit={submit} aria-labelledby="inbox-form-title">
      <h2 id="inbox-form-title">{inbox ? `Change ${inbox.name}` : "Add an email inbox"}</h2>
      <div className="form-grid">
        <label htmlFor="inbox-name">Name</label>
        <input id="inbox-name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} placeholder="Support" />
        <label htmlFor="inbox-address">Address</label>
        <input
          id="inbox-address"
          type="email"
          required
          disabled={!!inbox}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder="support@example.com"
        />
        <label htmlFor="inbox-signature">Signature</label>
        <textarea id="inbox-signature" rows={3} value={signature} onChange={(e) => setSignature(e.target.value)} />
      </div>
      <fieldset>
        <legend>Mail in</legend>
        <label className="check">
          <input type="checkbox" checked={receiveSmtp} onChange={(e) => setReceiveSmtp(e.target.checked)} /> Receive on Rapport's SMTP
          receiver (point an MX record or a forwarding rule at it)
        </label>
        <label className="check">
          <input type="checkbox" checked={useImap} onChange={(e) => setUseImap(e.target.checked)} data-testid="use-imap" /> Fetch from an
          existing mailbox (IMAP)
        </label>
        {useImap && (
          <>
            <ServerFields id="imap" value={imap} onChange={setImap} hasPassword={!!inbox?.imap?.hasPassword} userRequired />
            <div className="form-grid">
              <label htmlFor="imap-folder">Folder</label>
              <input id="imap-folder" required value={folder} onChange={(e) => setFolder(e.target.value)} />
              <label htmlFor="imap-move-to">After import, move to folder</label>
              <input
                id="imap-move-to"
                maxLength={200}
                value={moveTo}
                onChange={(e) => setMoveTo(e.target.value)}
                placeholder="Leave empty to only mark mail as read"
              />
            </div>
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>Replies out</legend>
        <label className="check">
          <input type="radio" name="smtp" checked={!ownSmtp} onChange={() => setOwnSmtp(false)} /> Through this Rapport's mail relay
        </label>
        <label className="check">
          <input type="radio" name="smtp" checked={ownSmtp} onChange={() => setOwnSmtp(true)} data-testid="own-smtp" /> Through my SMTP
          server
        </label>
        {ownSmtp && <ServerFields id="smtp" value={smtp} onChange={setSmtp} hasPassword={!!inbox?.smtp?.hasPassword} />}
      </fieldset>
      <fieldset>
        <legend>Automatic acknowledgement</legend>
        <label className="check">
          <input type="checkbox" checked={ack.enabled} onChange={(e) => setAck({ ...ack, enabled: e.target.checked })} /> Confirm new
          conversations by email (never to auto-replies, lists or the same address more than a few times an hour)
        </label>
        {ack.enabled && (
          <div className="form-grid">
            <label htmlFor="ack-subject">Subject</label>
            <input id="ack-subject" maxLength={200} value={ack.subject} onChange={(e) => setAck({ ...ack, subject: e.target.value })} />
            <label htmlFor="ack-text">Text</label>
            <textarea id="ack-text" rows={3} value={ack.text} onChange={(e) => setAck({ ...ack, text: e.target.value })} />
          </div>
        )}
      </fieldset>
      <AiAgentSection inboxId={inbox?.id ?? null} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? "Saving…" : inbox ? "Save changes" : "Add inbox"}
        </button>
      </div>
    </form>
  );
}
