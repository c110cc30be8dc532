import { useState } from "react";
import type { HandoffSummary } from "../../../shared/schemas";
import { languageApi } from "../../api/language";
import { useOnReconnect } from "../notifications/useRealtimePush";
import { useConversationItems } from "./useConversationItems";
import { errorText } from "./useGuidance";

export type SummariesState = {
  items: HandoffSummary[] | null;
  error: string | null;
  busy: boolean;
  /** The summary to pin: the newest pinned one, else the newest. */
  current: HandoffSummary | null;
  summarize: () => Promise<void>;
  reload: () => void;
};

/** Hand-off summaries of a conversation, refreshed when the conversation changes (a reassignment writes one). */
export function useHandoffSummaries(conversationId: string): SummariesState {
  // The summary is written by a job after the reassignment commits: the conversation.updated push that follows says so.
  const { items, setItems, error, setError, reload, live } = useConversationItems<HandoffSummary>(
    conversationId,
    languageApi.summaries,
    "Hand-off summaries",
  );
  const [busy, setBusy] = useState(false);
  useOnReconnect(reload);

  const summarize = async () => {
    setBusy(true);
    setError(null);
    try {
      const s = await languageApi.summarize(conversationId);
      if (live.current) setItems((cur) => [s, ...(cur ?? []).filter((x) => x.id !== s.id)]);
    } catch (e) {
      if (live.current) setError(errorText(e, "Hand-off summaries"));
    } finally {
      if (live.current) setBusy(false);
    }
  };

  const sorted = items ? [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : null;
  const current = sorted ? (sorted.find((s) => s.pinned) ?? sorted[0] ?? null) : null;
  return { items: sorted, error, busy, current, summarize, reload };
}
