import { useCallback, useEffect, useRef, useState } from "react";
import type { ArticleSummary } from "../../../shared/schemas";
import { type ArticleQuery, knowledgeApi } from "../../api/knowledge";

export type Filters = { q: string; locale: string; visibility: string; status: string; categoryId: string; due: boolean; mine: boolean };
export const NO_FILTERS: Filters = { q: "", locale: "", visibility: "", status: "", categoryId: "", due: false, mine: false };

// The filters outlive the page, so coming back from an article shows the same list.
let remembered: Filters = NO_FILTERS;

type State = { items: ArticleSummary[]; nextCursor: string | null; loading: boolean; error: string | null };

export function toQuery(f: Filters, meId: string): ArticleQuery {
  return {
    q: f.q.trim() || undefined,
    locale: f.locale || undefined,
    visibility: f.visibility || undefined,
    status: f.status || undefined,
    categoryId: f.categoryId || undefined,
    verification: f.due ? "due" : undefined,
    ownerId: f.mine ? meId : undefined,
  };
}

/** The article list for the filters; a newer request wins over a slower older one. */
export function useArticleList(meId: string) {
  const [filters, setFiltersState] = useState<Filters>(remembered);
  const [state, setState] = useState<State>({ items: [], nextCursor: null, loading: true, error: null });
  const seq = useRef(0);
  const setFilters = useCallback((f: Filters) => {
    remembered = f;
    setFiltersState(f);
  }, []);

  const load = useCallback(
    async (cursor?: string) => {
      const mine = ++seq.current;
      setState((s) => ({ ...s, loading: true, error: null, ...(cursor ? {} : { items: s.items }) }));
      try {
        const page = await knowledgeApi.articles({ ...toQuery(filters, meId), cursor });
        if (mine !== seq.current) return;
        setState((s) => ({
          items: cursor ? [...s.items, ...page.items] : page.items,
          nextCursor: page.nextCursor,
          loading: false,
          error: null,
        }));
      } catch (err) {
        if (mine !== seq.current) return;
        setState((s) => ({ ...s, loading: false, error: err instanceof Error ? err.message : "Could not load the articles" }));
      }
    },
    [filters, meId],
  );

  // Typing in the search box waits for a pause; every other filter applies at once.
  const lastQ = useRef(filters.q);
  useEffect(() => {
    const typed = lastQ.current !== filters.q;
    lastQ.current = filters.q;
    const t = window.setTimeout(() => void load(), typed ? 250 : 0);
    return () => window.clearTimeout(t);
  }, [load, filters.q]);

  return { filters, setFilters, ...state, reload: () => void load(), more: () => state.nextCursor && void load(state.nextCursor) };
}
