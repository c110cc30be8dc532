import { useState } from "react";
import { COMMON_LOCALES, LOCALE_RE, localeName } from "./util";

/** Tick the help center's languages; any other BCP 47 tag can be added. */
export function LocalePicker({ value, onChange }: { value: string[]; onChange: (l: string[]) => void }) {
  const [other, setOther] = useState("");
  const [error, setError] = useState<string | null>(null);
  const all = [...new Set([...value, ...COMMON_LOCALES])];
  const toggle = (l: string, on: boolean) => onChange(on ? [...value, l] : value.filter((x) => x !== l));
  const add = () => {
    const l = other.trim();
    if (!LOCALE_RE.test(l)) return setError("Type a language tag such as fi or pt-BR.");
    setError(null);
    setOther("");
    if (!value.includes(l)) onChange([...value, l]);
  };
  return (
    <fieldset className="kb-locale-picker">
      <legend className="visually-hidden">Languages of the help center</legend>
      <div className="kb-locale-checks">
        {all.map((l) => (
          <label key={l} className="kb-check">
            <input
              type="checkbox"
              checked={value.includes(l)}
              disabled={value.length === 1 && value[0] === l}
              onChange={(e) => toggle(l, e.target.checked)}
            />
            {localeName(l)} <span className="muted small">{l}</span>
          </label>
        ))}
      </div>
      <div className="kb-inline-add">
        <label className="visually-hidden" htmlFor="kb-other-locale">
          Another language tag
        </label>
        <input
          id="kb-other-locale"
          value={other}
          placeholder="Another tag, e.g. fi"
          size={14}
          onChange={(e) => setOther(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="btn" onClick={add}>
          Add
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
