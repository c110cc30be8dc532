import { type FormEvent, useState } from "react";
import { type ChatInbox, type ChatSettings, DEFAULT_CHAT_SETTINGS, WIDGET_LOCALES, type WidgetLocale } from "../../../shared/schemas";
import { ApiError, api } from "../../api/client";
import { AiAgentSection } from "../empathy/AiAgentSection";
import { HoursEditor } from "./HoursEditor";
import { LANGUAGE_NAMES } from "./languages";

/** Add or change a website chat: its look, languages, where it may run, hours, and who visitors are. */
export function ChatInboxForm({ inbox, onDone, onCancel }: { inbox: ChatInbox | null; onDone: () => void; onCancel: () => void }) {
  const [name, setName] = useState(inbox?.name ?? "Website chat");
  const [s, setS] = useState<ChatSettings>(inbox?.chat ?? DEFAULT_CHAT_SETTINGS);
  const [origins, setOrigins] = useState((inbox?.chat.allowedOrigins ?? []).join("\n"));
  const [maxMb, setMaxMb] = useState(
    String(Math.round((inbox?.chat.files.maxBytes ?? DEFAULT_CHAT_SETTINGS.files.maxBytes) / 1024 / 1024)),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof ChatSettings>(k: K, v: ChatSettings[K]) => setS((cur) => ({ ...cur, [k]: v }));
  const toggleLanguage = (l: WidgetLocale, on: boolean) =>
    set("languages", on ? WIDGET_LOCALES.filter((x) => x === l || s.languages.includes(x)) : s.languages.filter((x) => x !== l));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const chat: ChatSettings = {
      ...s,
      allowedOrigins: origins
        .split(/[\s,]+/)
        .map((o) => o.trim())
        .filter(Boolean),
      files: { ...s.files, maxBytes: Math.max(1, Math.min(25, Number(maxMb) || 10)) * 1024 * 1024 },
    };
    try {
      await (inbox ? api.updateInbox(inbox.id, { name, chat }) : api.createInbox({ channel: "chat", name, chat }));
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Saving failed; try again.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card inbox-form chat-form" onSubmit={submit} aria-labelledby="chat-form-title" data-testid="chat-inbox-form">
      <h2 id="chat-form-title">{inbox ? `Change ${inbox.name}` : "Add a website chat"}</h2>
      <div className="form-grid">
        <label htmlFor="chat-name">Name</label>
        <input id="chat-name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="chat-origins">Allowed sites</label>
        <div>
          <textarea
            id="chat-origins"
            rows={3}
            value={origins}
            onChange={(e) => setOrigins(e.target.value)}
            placeholder={"https://www.example.com\nhttps://*.example.com"}
            aria-describedby="chat-origins-help"
          />
          <p id="chat-origins-help" className="muted small">
            One per line. The widget refuses to load anywhere else (your help center always works).
          </p>
        </div>
      </div>
      <fieldset>
        <legend>Look</legend>
        <div className="form-grid">
          <label htmlFor="chat-color">Color</label>
          <span className="color-field">
            <input id="chat-color" type="color" value={s.primaryColor} onChange={(e) => set("primaryColor", e.target.value)} />
            <code>{s.primaryColor}</code>
          </span>
          <span id="chat-position-label">Position</span>
          <span role="radiogroup" aria-labelledby="chat-position-label">
            {(["right", "left"] as const).map((p) => (
              <label key={p} className="inline-check">
                <input type="radio" name="chat-position" checked={s.position === p} onChange={() => set("position", p)} /> Bottom {p}
              </label>
            ))}
          </span>
        </div>
      </fieldset>
      <fieldset>
        <legend>Languages and greetings</legend>
        <p className="muted small">The widget speaks the visitor's browser language when it is on this list, else the first one.</p>
        <div className="greetings">
          {WIDGET_LOCALES.map((l) => {
            const on = s.languages.includes(l);
            return (
              <div key={l} className="greeting-row">
                <label className="inline-check">
                  <input type="checkbox" checked={on} onChange={(e) => toggleLanguage(l, e.target.checked)} /> {LANGUAGE_NAMES[l]}
                </label>
                <input
                  aria-label={`Greeting in ${LANGUAGE_NAMES[l]}`}
                  disabled={!on}
                  maxLength={300}
                  placeholder="Default greeting"
                  value={s.greeting[l] ?? ""}
                  onChange={(e) => set("greeting", { ...s.greeting, [l]: e.target.value })}
                />
              </div>
            );
          })}
        </div>
      </fieldset>
      <HoursEditor value={s.businessHours} onChange={(h) => set("businessHours", h)} />
      <fieldset>
        <legend>Visitors</legend>
        <div className="form-grid">
          <label htmlFor="chat-prechat">Ask for name and email</label>
          <select
            id="chat-prechat"
            value={s.preChatForm}
            onChange={(e) => set("preChatForm", e.target.value as ChatSettings["preChatForm"])}
          >
            <option value="off">No (anonymous chats)</option>
            <option value="optional">Optional, before the first message</option>
            <option value="required">Required, before the first message</option>
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={s.requireVerifiedIdentity} onChange={(e) => set("requireVerifiedIdentity", e.target.checked)} />{" "}
          Only accept verified identities: <code>Rapport.identify</code> without a valid HMAC is refused
        </label>
        <label className="check">
          <input type="checkbox" checked={s.files.enabled} onChange={(e) => set("files", { ...s.files, enabled: e.target.checked })} />{" "}
          Visitors can send images and documents, up to{" "}
          <input
            className="narrow"
            aria-label="Largest file in MB"
            inputMode="numeric"
            value={maxMb}
            disabled={!s.files.enabled}
            onChange={(e) => setMaxMb(e.target.value.replace(/\D/g, ""))}
          />{" "}
          MB
        </label>
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
          {busy ? "Saving…" : inbox ? "Save changes" : "Add chat"}
        </button>
      </div>
    </form>
  );
}
