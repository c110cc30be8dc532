/** @jsxImportSource preact */
import { useState } from "preact/hooks";
import type { Controller } from "../controller";

/** Name and email before the first message, when the inbox asks for them (required or optional). */
export function PreChat({ ctl }: { ctl: Controller }) {
  const t = ctl.t;
  const required = ctl.config.preChatForm === "required";
  const v = ctl.store.state.visitor;
  const [name, setName] = useState(v?.name ?? "");
  const [email, setEmail] = useState(v?.email ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (skip: boolean) => {
    if (!skip && email && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email)) return setError(t.badEmail);
    setBusy(true);
    setError(await ctl.prechat(skip ? "" : name.trim(), skip ? "" : email.trim()));
    setBusy(false);
  };
  return (
    <div class="scroll">
      <form
        class="card prechat"
        data-testid="widget-prechat"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        <h2 class="card-title">{t.before}</h2>
        <p class="hint">{t.beforeHint}</p>
        <label htmlFor="pc-name">{t.name}</label>
        <input
          id="pc-name"
          autoComplete="name"
          required={required}
          maxLength={200}
          value={name}
          onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
        />
        <label htmlFor="pc-email">{t.email}</label>
        <input
          id="pc-email"
          type="email"
          autoComplete="email"
          required={required}
          maxLength={254}
          value={email}
          aria-invalid={!!error}
          aria-describedby={error ? "pc-error" : undefined}
          onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
        />
        {error && (
          <p id="pc-error" class="field-error" role="alert">
            {error}
          </p>
        )}
        <div class="row">
          {!required && (
            <button type="button" class="secondary" disabled={busy} onClick={() => void submit(true)}>
              {t.skip}
            </button>
          )}
          <button type="submit" class="primary" disabled={busy}>
            {t.start}
          </button>
        </div>
      </form>
    </div>
  );
}
