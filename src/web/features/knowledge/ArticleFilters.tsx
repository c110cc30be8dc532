import { useKb, categoryName } from "./context";
import { type Filters, NO_FILTERS } from "./useArticleList";
import { localeName } from "./util";

/** Search and filters of the article list; every control is labelled and reachable by Tab. */
export function ArticleFilters({ value, onChange }: { value: Filters; onChange: (f: Filters) => void }) {
  const { categories, locales } = useKb();
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => onChange({ ...value, [k]: v });
  const active = JSON.stringify({ ...value, q: "" }) !== JSON.stringify({ ...NO_FILTERS, q: "" });
  return (
    <div className="kb-filters">
      <div className="kb-search">
        <label className="visually-hidden" htmlFor="kb-q">
          Search articles
        </label>
        <input
          id="kb-q"
          type="search"
          placeholder="Search articles by title or text…"
          value={value.q}
          onChange={(e) => set("q", e.target.value)}
          data-testid="kb-search"
        />
      </div>
      <fieldset className="kb-filter-row">
        <legend className="visually-hidden">Filters</legend>
        <label>
          <span>Language</span>
          <select value={value.locale} onChange={(e) => set("locale", e.target.value)} data-testid="kb-filter-locale">
            <option value="">All</option>
            {locales.map((l) => (
              <option key={l} value={l}>
                {localeName(l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Visibility</span>
          <select value={value.visibility} onChange={(e) => set("visibility", e.target.value)} data-testid="kb-filter-visibility">
            <option value="">All</option>
            <option value="public">Public</option>
            <option value="internal">Internal</option>
          </select>
        </label>
        <label>
          <span>Status</span>
          <select value={value.status} onChange={(e) => set("status", e.target.value)} data-testid="kb-filter-status">
            <option value="">All</option>
            <option value="published">Published</option>
            <option value="draft">Draft</option>
          </select>
        </label>
        <label>
          <span>Category</span>
          <select value={value.categoryId} onChange={(e) => set("categoryId", e.target.value)} data-testid="kb-filter-category">
            <option value="">All</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {categoryName(c)}
              </option>
            ))}
          </select>
        </label>
        <label className="kb-toggle">
          <input type="checkbox" checked={value.due} onChange={(e) => set("due", e.target.checked)} data-testid="kb-filter-due" />
          <span>Needs verification</span>
        </label>
        <label className="kb-toggle">
          <input type="checkbox" checked={value.mine} onChange={(e) => set("mine", e.target.checked)} />
          <span>Owned by me</span>
        </label>
        {active && (
          <button type="button" className="btn link" onClick={() => onChange({ ...NO_FILTERS, q: value.q })}>
            Clear filters
          </button>
        )}
      </fieldset>
    </div>
  );
}
