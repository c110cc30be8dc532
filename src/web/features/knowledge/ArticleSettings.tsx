import { useEffect, useId, useState } from "react";
import type { Article } from "../../../shared/schemas";
import { clockTime } from "../../components/format";
import { CategoryPicker } from "./CategoryPicker";
import { categoryName, useKb } from "./context";
import { VerificationBadge } from "./VerificationBadge";
import { type FieldErrors, isSupervisor } from "./util";

export type SettingsValue = {
  slug: string;
  visibility: "public" | "internal";
  categoryId: string | null;
  ownerId: string | null;
  verifyEveryDays: number;
};

export const settingsOf = (a: Article): SettingsValue => ({
  slug: a.slug,
  visibility: a.visibility,
  categoryId: a.categoryId,
  ownerId: a.owner?.id ?? null,
  verifyEveryDays: a.verification.everyDays,
});

type Props = {
  value: SettingsValue;
  /** A change of one setting; existing articles save it at once, new ones keep it for the first save. */
  onChange: (patch: Partial<SettingsValue>) => void;
  errors: FieldErrors;
  article: Article | null;
  onVerify?: () => void;
  onDelete?: () => void;
  busy: boolean;
};

/** Who owns the article, who sees it, where it is filed, and how often it must be verified. */
export function ArticleSettings({ value, onChange, errors, article, onVerify, onDelete, busy }: Props) {
  const id = useId();
  const { users, categories, me } = useKb();
  // Only supervisors and up hand an article to another owner (the server's assignArticleOwner policy).
  const ownerLocked = !isSupervisor(me);
  const readOnly = article ? !article.can.update : false;
  // Text fields save when the agent leaves them, not on every key.
  const [slug, setSlug] = useState(value.slug);
  const [days, setDays] = useState(String(value.verifyEveryDays));
  useEffect(() => setSlug(value.slug), [value.slug]);
  useEffect(() => setDays(String(value.verifyEveryDays)), [value.verifyEveryDays]);
  const err = (k: string) =>
    errors[k] ? (
      <p className="field-error" id={`${id}-${k}-error`} role="alert">
        {errors[k]}
      </p>
    ) : null;
  const aria = (k: string) => (errors[k] ? { "aria-invalid": true, "aria-describedby": `${id}-${k}-error` } : {});
  const v = article?.verification;
  // Existing articles open on their text; the settings fold into one line until needed (or refused).
  const [open, setOpen] = useState(!article);
  const refused = Object.values(errors).some(Boolean);
  useEffect(() => {
    if (refused) setOpen(true);
  }, [refused]);
  const owner = users.find((u) => u.id === value.ownerId)?.name ?? article?.owner?.name;
  const category = categories.find((c) => c.id === value.categoryId);
  const facts = [
    value.visibility === "public" ? "Public" : "Internal",
    `Owner: ${owner ?? "nobody"}`,
    category ? categoryName(category) : null,
    `verify every ${value.verifyEveryDays} days`,
  ]
    .filter(Boolean)
    .join(" · ");
  const commitDays = () => {
    const n = Number(days);
    if (days.trim() && n !== value.verifyEveryDays) onChange({ verifyEveryDays: Number.isInteger(n) ? n : Number.NaN });
  };

  return (
    <section className="kb-settings card" aria-label="Article settings" data-testid="article-settings">
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary data-testid="settings-toggle">
          <span className="kb-settings-title">Settings</span> <span className="muted small">{facts}</span>
        </summary>
        <div className="kb-settings-body">
          <fieldset className="kb-visibility" disabled={readOnly}>
            <legend>Who can read it</legend>
            <label className="kb-radio">
              <input
                type="radio"
                name={`${id}-vis`}
                checked={value.visibility === "public"}
                onChange={() => onChange({ visibility: "public" })}
              />
              <span>
                <strong>Public</strong> <span className="muted small">help center, chat widget and agents</span>
              </span>
            </label>
            <label className="kb-radio">
              <input
                type="radio"
                name={`${id}-vis`}
                checked={value.visibility === "internal"}
                onChange={() => onChange({ visibility: "internal" })}
                data-testid="visibility-internal"
              />
              <span>
                <strong>Internal</strong> <span className="muted small">agents only</span>
              </span>
            </label>
            {err("visibility")}
          </fieldset>
          <div className="kb-settings-grid">
            <div className="kb-field">
              <label htmlFor={`${id}-category`}>Category</label>
              <CategoryPicker
                id={`${id}-category`}
                value={value.categoryId}
                disabled={readOnly}
                onChange={(categoryId) => onChange({ categoryId })}
              />
              {err("categoryId")}
            </div>
            <div className="kb-field">
              <label htmlFor={`${id}-owner`}>Owner</label>
              <select
                id={`${id}-owner`}
                value={value.ownerId ?? ""}
                disabled={readOnly || ownerLocked}
                onChange={(e) => onChange({ ownerId: e.target.value || null })}
                data-testid="article-owner-select"
                {...aria("ownerId")}
              >
                <option value="">Nobody</option>
                {users
                  .filter((u) => u.active || u.id === value.ownerId)
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
              </select>
              {err("ownerId")}
            </div>
            <div className="kb-field">
              <label htmlFor={`${id}-days`}>Verify every (days)</label>
              <input
                id={`${id}-days`}
                type="number"
                min={1}
                max={3650}
                inputMode="numeric"
                value={days}
                readOnly={readOnly}
                onChange={(e) => setDays(e.target.value)}
                onBlur={commitDays}
                onKeyDown={(e) => e.key === "Enter" && commitDays()}
                data-testid="verify-every"
                {...aria("verifyEveryDays")}
              />
              {err("verifyEveryDays")}
            </div>
            <div className="kb-field">
              <label htmlFor={`${id}-slug`}>Address (slug)</label>
              <input
                id={`${id}-slug`}
                value={slug}
                readOnly={readOnly}
                placeholder={article ? "" : "made from the title"}
                onChange={(e) => setSlug(e.target.value)}
                onBlur={() => slug.trim() !== value.slug && onChange({ slug: slug.trim() })}
                onKeyDown={(e) => e.key === "Enter" && slug.trim() !== value.slug && onChange({ slug: slug.trim() })}
                data-testid="article-slug"
                {...aria("slug")}
              />
              {err("slug")}
            </div>
          </div>
        </div>
      </details>
      {article && v && (
        <div className="kb-verification">
          <VerificationBadge v={v} />
          <p className="small muted">
            {v.verifiedAt ? `Verified ${clockTime(v.verifiedAt)}${v.verifiedBy ? ` by ${v.verifiedBy.name}` : ""}` : "Never verified"}
            {v.dueAt ? ` · due ${new Date(v.dueAt).toLocaleDateString(undefined, { dateStyle: "medium" })}` : ""}
          </p>
          <span className="spacer" />
          {article.can.verify && (
            <button type="button" className="btn" onClick={onVerify} disabled={busy} data-testid="mark-verified">
              Mark verified
            </button>
          )}
          {article.can.delete && (
            <button type="button" className="btn danger" onClick={onDelete} disabled={busy} data-testid="delete-article">
              Delete
            </button>
          )}
        </div>
      )}
    </section>
  );
}
