import { createContext, useContext, useEffect, useRef } from "react";
import type { Push, Realtime } from "../../api/realtime";

export const RealtimeContext = createContext<Realtime | null>(null);

/** Subscribes a component to workspace pushes for as long as it is mounted. */
export function useRealtimePush(fn: (p: Push) => void) {
  const rt = useContext(RealtimeContext);
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => (rt ? rt.on((p) => ref.current(p)) : undefined), [rt]);
}

/**
 * Runs `fn` each time the socket is (again) delivering pushes, the first time included: whatever changed
 * before that moment was not pushed to this tab.
 */
export function useOnReconnect(fn: () => void) {
  const rt = useContext(RealtimeContext);
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    if (!rt) return;
    return rt.onStatus((up) => {
      if (up) ref.current();
    });
  }, [rt]);
}
