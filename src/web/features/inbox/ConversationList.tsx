import type { RefObject } from "react";
import type { Conversation } from "../../../shared/schemas";
import { useMinuteTick } from "../../components/useMinuteTick";
import { ConversationRow } from "./ConversationRow";
import { SearchBox } from "./SearchBox";
import type { Sort } from "./useInbox";

type Props = {
  title: string;
  empty: { title: string; hint: string };
  items: Conversation[];
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  selectedId: string | null;
  sort: Sort;
  onSort: (s: Sort) => void;
  onSelect: (id: string) => void;
  onMore: () => void;
  onRetry: () => void;
  search: string;
  onSearch: (q: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
};

export function ConversationList(p: Props) {
  useMinuteTick();
  const first = p.loading && p.items.length === 0;
  return (
    <section className="list" aria-label="Conversations" aria-busy={p.loading}>
      <div className="list-head">
        <SearchBox value={p.search} onSearch={p.onSearch} inputRef={p.searchRef} />
        <div className="list-title">
          <h1 title={p.title}>{p.title}</h1>
          <label className="visually-hidden" htmlFor="sort">
            Sort
          </label>
          <select id="sort" value={p.sort} onChange={(e) => p.onSort(e.target.value as Sort)}>
            <option value="newest">Newest</option>
            <option value="oldest">Oldest</option>
            <option value="priority">Priority</option>
            <option value="temperature">Hottest first</option>
          </select>
        </div>
      </div>
      {p.error && (
        <div className="list-error" role="alert">
          <p className="empty-title">Couldn't load this view</p>
          <p>{p.error}</p>
          <button type="button" className="btn" onClick={p.onRetry}>
            Try again
          </button>
        </div>
      )}
      {!p.error && first && (
        <ul className="rows" aria-label="Loading conversations">
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <li key={i} className="row skeleton" aria-hidden="true">
              <span />
              <span />
              <span />
            </li>
          ))}
        </ul>
      )}
      {!p.error && !p.loading && p.items.length === 0 && <EmptyList text={p.empty} />}
      {p.items.length > 0 && (
        <ul className="rows">
          {p.items.map((c) => (
            <li key={c.id}>
              <ConversationRow c={c} selected={c.id === p.selectedId} onSelect={p.onSelect} />
            </li>
          ))}
          {p.hasMore && (
            <li>
              <button type="button" className="btn wide more" onClick={p.onMore} disabled={p.loading}>
                {p.loading ? "Loading…" : "Load more"}
              </button>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

function EmptyList({ text }: { text: { title: string; hint: string } }) {
  return (
    <div className="empty" data-testid="empty-list">
      <svg className="empty-art" width="72" height="72" viewBox="0 0 72 72" aria-hidden="true">
        <rect x="10" y="18" width="52" height="40" rx="8" fill="#e8eefc" />
        <path d="M10 40h16l4 6h12l4-6h16" fill="none" stroke="#2f5bd3" strokeWidth="3" strokeLinejoin="round" />
        <path d="M30 28l4 4 8-8" fill="none" stroke="#2f5bd3" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <p className="empty-title">{text.title}</p>
      <p className="muted">{text.hint}</p>
    </div>
  );
}
