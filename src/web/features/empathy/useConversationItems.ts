import { useCallback, useEffect, useRef, useState } from "react";
import { useRealtimePush } from "../notifications/useRealtimePush";
import { errorText } from "./useGuidance";

/**
 * A list that belongs to one conversation (follow-ups, hand-off summaries): loaded once, then refetched once
 * per burst of `conversation.updated` pushes for it, since jobs change it after the request that started them.
 * `live` is false after unmount, so late answers don't set state.
 */
export function useConversationItems<T>(conversationId: string, fetch: (id: string) => Promise<{ items: T[] }>, what: string) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const live = useRef(true);
  const timer = useRef<number | undefined>(undefined);
  useEffect(
    () => () => {
      live.current = false;
      window.clearTimeout(timer.current);
    },
    [],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `fetch` and `what` are fixed per caller; the conversation decides.
  const reload = useCallback(() => {
    fetch(conversationId).then(
      (r) => {
        if (!live.current) return;
        setItems(r.items);
        setError(null);
      },
      (e) => live.current && setError(errorText(e, what)),
    );
  }, [conversationId]);
  useEffect(reload, [reload]);
  useRealtimePush((p) => {
    if (p.type !== "conversation.updated" || p.data.id !== conversationId) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(reload, 250);
  });

  return { items, setItems, error, setError, reload, live };
}
