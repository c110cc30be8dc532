import { useState } from "react";

/** Tags as chips; Enter or comma adds (spaces become dashes, as tags have none), Backspace on empty removes the last. */
export function TagEditor({ tags, disabled, onChange }: { tags: string[]; disabled?: boolean; onChange: (t: string[]) => void }) {
  const [draft, setDraft] = useState("");
  const add = (raw: string) => {
    const t = raw
      .trim()
      .toLowerCase()
      .replace(/[\s,]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 50);
    setDraft("");
    if (t && !tags.includes(t)) onChange([...tags, t]);
  };
  return (
    <div className="tags">
      <span className="muted small" id="tags-label">
        Tags
      </span>
      {tags.length > 0 && (
        <ul aria-labelledby="tags-label">
          {tags.map((t) => (
            <li key={t} className="chip tag">
              {t}
              {!disabled && (
                <button type="button" aria-label={`Remove tag ${t}`} onClick={() => onChange(tags.filter((x) => x !== t))}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!disabled && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add(draft);
          }}
        >
          <label className="visually-hidden" htmlFor="tag-input">
            Add a tag
          </label>
          <input
            id="tag-input"
            className="tag-input"
            placeholder="+ Add tag"
            value={draft}
            maxLength={50}
            onChange={(e) => {
              const v = e.target.value;
              if (v.endsWith(",")) add(v.slice(0, -1));
              else setDraft(v);
            }}
            onKeyDown={(e) => {
              if (e.key === "Backspace" && draft === "" && tags.length > 0) onChange(tags.slice(0, -1));
              if (e.key === "Escape") {
                setDraft("");
                e.currentTarget.blur();
              }
            }}
          />
        </form>
      )}
    </div>
  );
}
