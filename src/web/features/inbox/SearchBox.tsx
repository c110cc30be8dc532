import { type RefObject, useEffect, useRef, useState } from "react";

/**
 * Searches as the agent types (after a short pause) and at once on Enter; Escape clears the search and
 * returns to the view the agent was in.
 */
export function SearchBox({
  value,
  onSearch,
  inputRef,
}: {
  value: string;
  onSearch: (q: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const [draft, setDraft] = useState(value);
  const timer = useRef<number | undefined>(undefined);
  const sent = useRef(value);
  // The search changed elsewhere (a nav click clears it): show it, but never clobber what is being typed.
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setDraft(value);
    }
  }, [value]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const search = (q: string) => {
    window.clearTimeout(timer.current);
    sent.current = q;
    onSearch(q);
  };
  const change = (q: string) => {
    setDraft(q);
    window.clearTimeout(timer.current);
    const t = q.trim();
    if (t.length === 0 || t.length >= 2) timer.current = window.setTimeout(() => search(t), 350);
  };

  return (
    <search className="search">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          search(draft.trim());
        }}
      >
        <label className="visually-hidden" htmlFor="search">
          Search conversations
        </label>
        <input
          id="search"
          ref={inputRef}
          data-testid="search-input"
          type="search"
          autoComplete="off"
          placeholder="Search text, email, phone or #number"
          value={draft}
          onChange={(e) => change(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.preventDefault();
              setDraft("");
              search("");
              e.currentTarget.blur();
            }
          }}
        />
        <span className="search-key" aria-hidden="true">
          /
        </span>
      </form>
    </search>
  );
}
