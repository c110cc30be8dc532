import { type FormEvent, useEffect, useId, useState } from "react";
import type { HelpCenter, Inbox } from "../../../shared/schemas";
import { api } from "../../api/client";
import { knowledgeApi } from "../../api/knowledge";
import { useKb } from "./context";
import { LocalePicker } from "./LocalePicker";
import { type FieldErrors, fieldErrors, isAdmin, localeName } from "./util";

type Form = {
  slug: string;
  title: string;
  customDomain: string;
  locales: string[];
  defaultLocale: string;
  primaryColor: string;
  phone: string;
  chatInboxId: string;
};
const toForm = (h: HelpCenter): Form => ({
  slug: h.slug,
  title: h.title,
  customDomain: h.customDomain ?? "",
  locales: h.locales,
  defaultLocale: h.defaultLocale,
  primaryColor: h.primaryColor,
  phone: h.phone ?? "",
  chatInboxId: h.chatInboxId ?? "",
});

/** The public help center: its address, name, languages, color and how visitors reach a person. Admins only. */
export function HelpCenterSettings() {
  const id = useId();
  const kb = useKb();
  const admin = isAdmin(kb.me);
  const [form, setForm] = useState<Form | null>(kb.helpCenter ? toForm(kb.helpCenter) : null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chatInboxes, setChatInboxes] = useState<Inbox[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    knowledgeApi.helpCenter().then(
      (h) => setForm(toForm(h)),
      (e) => setLoadError(e instanceof Error ? e.message : "Could not load the help center"),
    );
    api.inboxes().then(
      (r) => setChatInboxes(r.items.filter((i) => (i.channel as string) === "chat")),
      () => {},
    );
  }, []);

  if (loadError)
    return (
      <main className="kb-page">
        <div className="card" role="alert">
          <p className="empty-title">Couldn't load the help center</p>
          <p>{loadError}</p>
        </div>
      </main>
    );
  if (!form)
    return (
      <main className="kb-page" aria-busy="true">
        <div className="center-screen kb-loading">
          <div className="spinner" role="status" aria-label="Loading the help center" />
        </div>
      </main>
    );

  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm({ ...form, [k]: v });
    if (errors[k]) setErrors({ ...errors, [k]: "" });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setStatus("Saving…");
    try {
      const h = await knowledgeApi.updateHelpCenter({
        slug: form.slug.trim(),
        title: form.title.trim(),
        customDomain: form.customDomain.trim() || null,
        locales: form.locales,
        defaultLocale: form.defaultLocale,
        primaryColor: form.primaryColor,
        phone: form.phone.trim() || null,
        chatInboxId: form.chatInboxId || null,
      });
      kb.setHelpCenter(h);
      setForm(toForm(h));
      setStatus("Saved");
    } catch (err) {
      const f = fieldErrors(err);
      setErrors(f.message ? { form: f.message } : f.fields);
      setStatus("Not saved");
    } finally {
      setBusy(false);
    }
  };
  const field = (k: keyof Form | "form") =>
    errors[k] ? (
      <p className="field-error" id={`${id}-${k}-error`} role="alert">
        {errors[k]}
      </p>
    ) : null;
  const aria = (k: keyof Form) => (errors[k] ? { "aria-invalid": true, "aria-describedby": `${id}-${k}-error` } : {});
  const url = kb.helpCenter?.url;
  // The address as the server builds it (its public base), minus the slug being edited.
  const slugAt = url && kb.helpCenter ? url.lastIndexOf(`/${kb.helpCenter.slug}`) : -1;
  const prefix = url && slugAt > 0 && !kb.helpCenter?.customDomain ? url.slice(0, slugAt + 1) : `${location.origin}/help/`;

  return (
    <main className="kb-page kb-narrow" aria-labelledby="kb-hc-title">
      <header className="kb-page-head">
        <h1 id="kb-hc-title">Help center</h1>
        {url && (
          <a className="btn" href={url} target="_blank" rel="noopener noreferrer" data-testid="open-help-center">
            Open the help center ↗
          </a>
        )}
      </header>
      {!admin && <p className="muted">Only admins and owners change the help center.</p>}
      <form className="card kb-hc-form" onSubmit={submit} aria-describedby={errors.form ? `${id}-form-error` : undefined}>
        <fieldset disabled={!admin || busy}>
          <legend className="visually-hidden">Help center settings</legend>
          <div className="form-grid">
            <label htmlFor={`${id}-title`}>Title</label>
            <div>
              <input
                id={`${id}-title`}
                required
                maxLength={120}
                value={form.title}
                onChange={(e) => set("title", e.target.value)}
                {...aria("title")}
              />
              {field("title")}
            </div>
            <label htmlFor={`${id}-slug`}>Address</label>
            <div>
              <span className="kb-prefix">
                <span className="muted" title={prefix}>
                  {prefix}
                </span>
                <input
                  id={`${id}-slug`}
                  required
                  value={form.slug}
                  onChange={(e) => set("slug", e.target.value)}
                  data-testid="hc-slug"
                  {...aria("slug")}
                />
              </span>
              {field("slug")}
            </div>
            <label htmlFor={`${id}-domain`}>Custom domain</label>
            <div>
              <input
                id={`${id}-domain`}
                placeholder="help.example.com"
                value={form.customDomain}
                onChange={(e) => set("customDomain", e.target.value)}
                data-testid="hc-domain"
                {...aria("customDomain")}
              />
              <p className="muted small">Point a CNAME record at this Rapport; visitors on that host get this help center.</p>
              {field("customDomain")}
            </div>
            <span aria-hidden="true">Languages</span>
            <div>
              <LocalePicker
                value={form.locales}
                onChange={(l) =>
                  setForm({ ...form, locales: l, defaultLocale: l.includes(form.defaultLocale) ? form.defaultLocale : l[0] })
                }
              />
              {field("locales")}
            </div>
            <label htmlFor={`${id}-default`}>Default language</label>
            <div>
              <select
                id={`${id}-default`}
                value={form.defaultLocale}
                onChange={(e) => set("defaultLocale", e.target.value)}
                {...aria("defaultLocale")}
              >
                {form.locales.map((l) => (
                  <option key={l} value={l}>
                    {localeName(l)} ({l})
                  </option>
                ))}
              </select>
              {field("defaultLocale")}
            </div>
            <label htmlFor={`${id}-color`}>Brand color</label>
            <div className="kb-color">
              <input id={`${id}-color`} type="color" value={form.primaryColor} onChange={(e) => set("primaryColor", e.target.value)} />
              <code>{form.primaryColor}</code>
              {field("primaryColor")}
            </div>
            <label htmlFor={`${id}-phone`}>Phone</label>
            <div>
              <input
                id={`${id}-phone`}
                type="tel"
                maxLength={40}
                placeholder="+45 12 34 56 78"
                value={form.phone}
                onChange={(e) => set("phone", e.target.value)}
                {...aria("phone")}
              />
              <p className="muted small">Shown next to "Talk to a person" on every page.</p>
              {field("phone")}
            </div>
            <label htmlFor={`${id}-inbox`}>Chat inbox</label>
            <div>
              <select
                id={`${id}-inbox`}
                value={form.chatInboxId}
                onChange={(e) => set("chatInboxId", e.target.value)}
                {...aria("chatInboxId")}
              >
                <option value="">None (a contact form instead)</option>
                {chatInboxes.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </select>
              <p className="muted small">"Talk to a person" opens this inbox's chat widget.</p>
              {field("chatInboxId")}
            </div>
          </div>
        </fieldset>
        {field("form")}
        <div className="form-actions">
          <p className="kb-save-status" role="status" aria-live="polite">
            {status}
          </p>
          {admin && (
            <button type="submit" className="btn primary" disabled={busy} data-testid="hc-save">
              {busy ? "Saving…" : "Save"}
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
