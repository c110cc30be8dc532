import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import type { ArticleTranslation } from "../../../shared/schemas";
import { clockTime } from "../../components/format";
import { MarkdownPreview } from "./MarkdownPreview";
import { type FieldErrors, fieldErrors, localeName } from "./util";

export type Fields = { title: string; summary: string; body: string };
export type SaveStatus = "draft" | "published" | undefined;

type Props = {
  locale: string;
  translation: ArticleTranslation | null;
  /** A locale picker or the language name, shown as the pane's heading. */
  heading: ReactNode;
  readOnly: boolean;
  /** Starting text of a translation not saved yet (e.g. a search nobody found an answer for). */
  initial?: Partial<Fields>;
  onSave: (f: Fields, status: SaveStatus) => Promise<void>;
  onDirty: (locale: string, dirty: boolean) => void;
  onHistory?: () => void;
  onClose?: () => void;
  testId: string;
};

const fromTranslation = (t: ArticleTranslation | null, initial?: Partial<Fields>): Fields =>
  t ? { title: t.title, summary: t.summary ?? "", body: t.body } : { title: "", summary: "", body: "", ...initial };
const same = (a: Fields, b: Fields) => a.title === b.title && a.summary === b.summary && a.body === b.body;

/** One language of an article: title, summary, Markdown body with a live preview, and its own save/publish. */
export function TranslationPane(p: Props) {
  const id = useId();
  const t = p.translation;
  const [base, setBase] = useState(() => fromTranslation(t, p.initial));
  const [form, setForm] = useState(base);
  const [mode, setMode] = useState<"write" | "preview">("write");
  const [busy, setBusy] = useState<SaveStatus | "save" | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);

  // A save or a restore brings a new version: the form shows it (the saved text is now the base).
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the version, not the object
  useEffect(() => {
    if (!t) return;
    const next = fromTranslation(t);
    setBase(next);
    setForm(next);
  }, [t?.version, t?.updatedAt]);

  const dirty = !same(form, base) || (!t && form.title.trim() !== "");
  const onDirty = p.onDirty;
  useEffect(() => onDirty(p.locale, dirty), [onDirty, p.locale, dirty]);
  useEffect(() => () => onDirty(p.locale, false), [onDirty, p.locale]);

  const set = (k: keyof Fields) => (e: { target: { value: string } }) => {
    setForm({ ...form, [k]: e.target.value });
    if (errors[k]) setErrors({ ...errors, [k]: "" });
  };

  const save = async (status: SaveStatus) => {
    if (busy) return;
    setBusy(status ?? "save");
    setErrors({});
    setError(null);
    try {
      await p.onSave(form, status);
    } catch (err) {
      const e = fieldErrors(err);
      setErrors(e.fields);
      setError(e.message ?? (e.fields.title || e.fields.body || e.fields.summary ? null : Object.values(e.fields)[0]));
      if (e.fields.title) titleRef.current?.focus();
    } finally {
      setBusy(null);
    }
  };

  const published = t?.status === "published";
  const err = (k: string) =>
    errors[k] ? (
      <p className="field-error" id={`${id}-${k}-error`} role="alert">
        {errors[k]}
      </p>
    ) : null;
  const described = (k: string) => (errors[k] ? { "aria-invalid": true, "aria-describedby": `${id}-${k}-error` } : {});

  return (
    <section
      className="kb-pane card"
      aria-label={`${localeName(p.locale)} translation`}
      data-testid={p.testId}
      data-locale={p.locale}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
          e.preventDefault();
          if (!p.readOnly) void save(undefined);
        }
      }}
    >
      <header className="kb-pane-head">
        <div className="kb-pane-title">{p.heading}</div>
        <span className={`chip kb-status ${t ? t.status : "new"}`} data-testid="translation-status">
          {t ? (published ? "Published" : "Draft") : "Not saved yet"}
        </span>
        {dirty && <span className="chip kb-unsaved">Unsaved</span>}
        <span className="spacer" />
        {p.onHistory && t && (
          <button type="button" className="btn small-btn" onClick={p.onHistory} data-testid="history-button">
            History <span className="muted">v{t.version}</span>
          </button>
        )}
        {p.onClose && (
          <button type="button" className="btn icon" onClick={p.onClose} aria-label={`Close the ${localeName(p.locale)} column`}>
            ×
          </button>
        )}
      </header>
      {t && (
        <p className="muted small kb-pane-meta">
          Version {t.version} · saved {clockTime(t.updatedAt)}
          {t.updatedBy ? ` by ${t.updatedBy.name}` : ""}
          {published && t.url && (
            <>
              {" · "}
              <a href={t.url} target="_blank" rel="noreferrer noopener">
                View in help center
              </a>
            </>
          )}
        </p>
      )}
      <div className="kb-field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          id={`${id}-title`}
          ref={titleRef}
          value={form.title}
          onChange={set("title")}
          maxLength={200}
          readOnly={p.readOnly}
          data-testid="translation-title"
          {...described("title")}
        />
        {err("title")}
      </div>
      <div className="kb-field">
        <label htmlFor={`${id}-summary`}>
          Summary <span className="muted small">(optional; shown in search results)</span>
        </label>
        <textarea
          id={`${id}-summary`}
          rows={2}
          value={form.summary}
          onChange={set("summary")}
          maxLength={500}
          readOnly={p.readOnly}
          data-testid="translation-summary"
          {...described("summary")}
        />
        {err("summary")}
      </div>
      <div className="kb-field kb-body" data-mode={mode}>
        <div className="kb-body-head">
          <label htmlFor={`${id}-body`}>
            Body <span className="muted small">(Markdown)</span>
          </label>
          <fieldset className="kb-body-toggle">
            <legend className="visually-hidden">Show the body as</legend>
            <button type="button" className="btn small-btn" aria-pressed={mode === "write"} onClick={() => setMode("write")}>
              Write
            </button>
            <button type="button" className="btn small-btn" aria-pressed={mode === "preview"} onClick={() => setMode("preview")}>
              Preview
            </button>
          </fieldset>
        </div>
        <div className="kb-body-panes">
          <textarea
            id={`${id}-body`}
            className="kb-body-input"
            value={form.body}
            onChange={set("body")}
            readOnly={p.readOnly}
            spellCheck
            data-testid="translation-body"
            placeholder={"## A heading\n\nWrite the answer. **Bold**, lists with -, links as [text](https://…)."}
            {...described("body")}
          />
          <MarkdownPreview markdown={form.body} title={`Preview of the ${localeName(p.locale)} body`} />
        </div>
        {err("body")}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!p.readOnly && (
        <div className="kb-pane-actions">
          <span className="muted small kb-hint">Ctrl+S saves</span>
          {published ? (
            <>
              <button type="button" className="btn" disabled={!!busy} onClick={() => void save("draft")} data-testid="unpublish">
                {busy === "draft" ? "Unpublishing…" : "Unpublish"}
              </button>
              <button
                type="button"
                className="btn primary"
                disabled={!!busy || !dirty}
                onClick={() => void save(undefined)}
                data-testid="save"
              >
                {busy === "save" ? "Saving…" : "Update published"}
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                className="btn"
                disabled={!!busy || (!dirty && !!t)}
                onClick={() => void save("draft")}
                data-testid="save-draft"
              >
                {busy === "draft" ? "Saving…" : "Save draft"}
              </button>
              <button type="button" className="btn primary" disabled={!!busy} onClick={() => void save("published")} data-testid="publish">
                {busy === "published" ? "Publishing…" : "Publish"}
              </button>
            </>
          )}
        </div>
      )}
    </section>
  );
}
