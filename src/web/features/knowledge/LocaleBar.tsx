import { useId, useState } from "react";
import { useKb } from "./context";
import { COMMON_LOCALES, LOCALE_RE, localeName } from "./util";

const OTHER = "__other__";

type Props = {
  primary: string;
  secondary: string | null;
  existing: string[];
  onSecondary: (locale: string | null) => void;
};

/** Which translation sits next to the one being edited, and adding a translation in a new language. */
export function LocaleBar({ primary, secondary, existing, onSecondary }: Props) {
  const id = useId();
  const { locales } = useKb();
  const [adding, setAdding] = useState(false);
  const candidates = [...new Set([...locales, ...COMMON_LOCALES])].filter((l) => !existing.includes(l));
  const [pick, setPick] = useState("");
  const [other, setOther] = useState("");
  const [error, setError] = useState<string | null>(null);
  const others = existing.filter((l) => l !== primary);

  const add = () => {
    const choice = pick || candidates[0] || OTHER;
    const locale = choice === OTHER ? other.trim() : choice;
    if (!locale || !LOCALE_RE.test(locale)) return setError("Type a language tag such as da, de or pt-BR.");
    if (existing.includes(locale)) return setError(`There is already a ${localeName(locale)} translation.`);
    setError(null);
    setAdding(false);
    setPick("");
    setOther("");
    onSecondary(locale);
  };

  return (
    <div className="kb-locale-bar">
      {others.length > 0 && (
        <label className="kb-inline-label">
          <span>Side by side with</span>
          <select
            value={secondary && existing.includes(secondary) ? secondary : ""}
            onChange={(e) => onSecondary(e.target.value || null)}
            data-testid="compare-locale"
          >
            <option value="">Nothing</option>
            {others.map((l) => (
              <option key={l} value={l}>
                {localeName(l)} ({l})
              </option>
            ))}
          </select>
        </label>
      )}
      {!adding ? (
        <button type="button" className="btn" onClick={() => setAdding(true)} data-testid="add-translation">
          + Add translation
        </button>
      ) : (
        <form
          className="kb-add-translation"
          aria-label="Add a translation"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <label htmlFor={`${id}-locale`}>Language</label>
          <select
            id={`${id}-locale`}
            value={pick || candidates[0] || OTHER}
            onChange={(e) => setPick(e.target.value)}
            data-testid="new-locale"
          >
            {candidates.map((l) => (
              <option key={l} value={l}>
                {localeName(l)} ({l})
              </option>
            ))}
            <option value={OTHER}>Other language…</option>
          </select>
          {(pick || candidates[0] || OTHER) === OTHER && (
            <>
              <label htmlFor={`${id}-other`} className="visually-hidden">
                Language tag
              </label>
              <input id={`${id}-other`} value={other} onChange={(e) => setOther(e.target.value)} placeholder="e.g. pt-BR" size={8} />
            </>
          )}
          <button type="submit" className="btn primary" data-testid="add-translation-confirm">
            Add
          </button>
          <button type="button" className="btn link" onClick={() => setAdding(false)}>
            Cancel
          </button>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
