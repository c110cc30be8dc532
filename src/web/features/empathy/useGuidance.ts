import { useCallback, useEffect, useRef, useState } from "react";
import type { Guidance, Message } from "../../../shared/schemas";
import { ApiError } from "../../api/client";
import { languageApi } from "../../api/language";

export type GuidanceState = {
  data: Guidance | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
  /** The language of the customer's latest analysed message (the conversation's own may be older or a guess). */
  customerLanguage: string | null;
};

export function latestCustomerLanguage(messages: Message[]): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.kind === "incoming" && m.analysis?.language) return m.analysis.language;
  }
  return null;
}

/** What changes the guidance: the customer's latest message, and whether the engine has read it yet. */
export function guidanceRevision(messages: Message[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.kind === "incoming") return `${m.id}:${m.analysis ? "read" : "new"}`;
  }
  return "none";
}

export function errorText(e: unknown, what: string): string {
  if (e instanceof ApiError && e.status === 404 && e.message.startsWith("No route")) return `${what}: not available on this server yet.`;
  return e instanceof Error ? e.message : `Could not load ${what.toLowerCase()}`;
}

/** The conversation's guidance (acknowledgements, HELP, email opening, articles), refetched as the customer writes. */
export function useGuidance(conversationId: string, messages: Message[]): GuidanceState {
  const revision = guidanceRevision(messages);
  const customerLanguage = latestCustomerLanguage(messages);
  const [data, setData] = useState<Guidance | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);

  const load = useCallback(() => {
    const n = ++seq.current;
    setLoading(true);
    languageApi.guidance(conversationId).then(
      (g) => {
        if (n !== seq.current) return;
        setData(g);
        setError(null);
        setLoading(false);
      },
      (e) => {
        if (n !== seq.current) return;
        setError(errorText(e, "Guidance"));
        setLoading(false);
      },
    );
  }, [conversationId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new or newly read customer message (revision) changes the guidance
  useEffect(load, [load, revision]);
  useEffect(
    () => () => {
      seq.current++;
    },
    [],
  );
  return { data, error, loading, reload: load, customerLanguage };
}
