import { useCallback, useEffect, useRef, useState } from "react";
import type { Conversation, Counts, Message } from "../../../shared/schemas";
import { api } from "../../api/client";
import type { Push } from "../../api/realtime";
import { matchesView, type View, viewKey, viewQuery } from "./views";

type ListState = { items: Conversation[]; nextCursor: string | null; loading: boolean; error: string | null };
export type Sort = "newest" | "oldest" | "priority" | "temperature";

function sortItems(items: Conversation[], sort: Sort): Conversation[] {
  const byTime = (a: Conversation, b: Conversation) => b.lastActivityAt.localeCompare(a.lastActivityAt) || b.id.localeCompare(a.id);
  const rank = { urgent: 3, high: 2, normal: 1, low: 0 };
  if (sort === "oldest") return [...items].sort((a, b) => -byTime(a, b));
  if (sort === "priority") return [...items].sort((a, b) => rank[b.priority] - rank[a.priority] || byTime(a, b));
  // Hottest first; conversations not read yet go last.
  if (sort === "temperature") return [...items].sort((a, b) => (b.temperature ?? -1) - (a.temperature ?? -1) || byTime(a, b));
  return [...items].sort(byTime);
}

/** The conversation list of the current view and the nav counts, kept live by realtime pushes. */
export function useInbox(view: View, sort: Sort, meId: string) {
  const [list, setList] = useState<ListState>({ items: [], nextCursor: null, loading: true, error: null });
  const [counts, setCounts] = useState<Counts | null>(null);
  const key = `${viewKey(view)}|${sort}`;
  const current = useRef(key);
  current.current = key;
  const countsTimer = useRef<number | undefined>(undefined);

  const refreshCounts = useCallback(() => {
    window.clearTimeout(countsTimer.current);
    countsTimer.current = window.setTimeout(() => {
      api.counts().then(setCounts, () => {});
    }, 200);
  }, []);

  const load = useCallback(async () => {
    const k = key;
    setList((l) => ({ ...l, loading: true, error: null }));
    try {
      const page = await api.conversations({ ...viewQuery(view), sort });
      if (current.current === k) setList({ items: page.items, nextCursor: page.nextCursor, loading: false, error: null });
    } catch (err) {
      if (current.current === k)
        setList((l) => ({ ...l, loading: false, error: err instanceof Error ? err.message : "Could not load conversations" }));
    }
  }, [key, view, sort]);

  const loadMore = useCallback(async () => {
    if (!list.nextCursor) return;
    const k = key;
    setList((l) => ({ ...l, loading: true }));
    try {
      const page = await api.conversations({ ...viewQuery(view), sort, cursor: list.nextCursor });
      if (current.current !== k) return;
      setList((l) => {
        const seen = new Set(l.items.map((c) => c.id));
        return {
          items: [...l.items, ...page.items.filter((c) => !seen.has(c.id))],
          nextCursor: page.nextCursor,
          loading: false,
          error: null,
        };
      });
    } catch (err) {
      setList((l) => ({ ...l, loading: false, error: err instanceof Error ? err.message : "Could not load more" }));
    }
  }, [key, view, sort, list.nextCursor]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    refreshCounts();
  }, [refreshCounts]);

  /** Applies a conversation we got from a push or our own change. */
  const upsert = useCallback(
    (c: Conversation) => {
      setList((l) => {
        const match = matchesView(view, c, meId);
        const has = l.items.some((x) => x.id === c.id);
        if (match === null) return has ? { ...l, items: l.items.map((x) => (x.id === c.id ? c : x)) } : l;
        if (!match) return has ? { ...l, items: l.items.filter((x) => x.id !== c.id) } : l;
        const items = sortItems(has ? l.items.map((x) => (x.id === c.id ? c : x)) : [c, ...l.items], sort);
        // A row that sorts past the loaded pages belongs to a page not fetched yet; "Load more" brings it.
        if (l.nextCursor && items[items.length - 1]?.id === c.id) items.pop();
        return { ...l, items };
      });
      refreshCounts();
    },
    [view, meId, sort, refreshCounts],
  );

  /** A new message bumps its row at once; the conversation.updated push that follows is authoritative. */
  const bump = useCallback(
    (m: Message) => {
      setList((l) => {
        const c = l.items.find((x) => x.id === m.conversationId);
        if (!c || m.createdAt <= c.lastActivityAt) return l;
        const next = { ...c, lastActivityAt: m.createdAt, lastMessageAt: m.createdAt, preview: m.text.slice(0, 200), previewKind: m.kind };
        return {
          ...l,
          items: sortItems(
            l.items.map((x) => (x.id === c.id ? next : x)),
            sort,
          ),
        };
      });
    },
    [sort],
  );

  const onPush = useCallback(
    (p: Push) => {
      if (p.type === "conversation.created" || p.type === "conversation.updated") upsert(p.data);
      else if (p.type === "message.created") bump(p.data);
    },
    [upsert, bump],
  );

  return { list, counts, reload: load, loadMore, upsert, onPush, refreshCounts };
}
