import { useEffect, useRef, useState } from "react";
import { type Conversation, type Message, UPSET_TEMPERATURE } from "../../../shared/schemas";
import { api } from "../../api/client";
import { languageApi } from "../../api/language";
import { useCapabilities } from "./useCapabilities";
import type { GuidanceState } from "./useGuidance";
import { agentLanguage, languageName } from "./words";

// Per conversation: the nudge shows once per page load; the email opening is offered once per tab (a reload included).
const nudged = new Set<string>();
const PREFILLED_KEY = "rapport.emailOpening";
const offered = new Set<string>();
const prefilled = {
  has(id: string): boolean {
    if (offered.has(id)) return true;
    try {
      return (sessionStorage.getItem(PREFILLED_KEY) ?? "").split(",").includes(id);
    } catch {
      return false;
    }
  },
  add(id: string) {
    offered.add(id);
    try {
      const ids = (sessionStorage.getItem(PREFILLED_KEY) ?? "").split(",").filter(Boolean).slice(-200);
      sessionStorage.setItem(PREFILLED_KEY, [...ids, id].join(","));
    } catch {
      // Storage off (private mode): once per page load is still once.
    }
  },
};
const CHECK_TIMEOUT_MS = 3000;

export type Nudge = { suggestion: string | null };

/** A reply translated for the agent to read (and edit) before it goes: `original` is what they wrote. */
export type TranslationPreview = { original: string; text: string; source: string | null; target: string };

type Opts = {
  conv: Conversation;
  kind: "reply" | "note";
  text: string;
  setText: (t: string) => void;
  guidance: GuidanceState | undefined;
  /** Back to the text after an opening went in, so the agent types on. */
  focus?: () => void;
};

/** Puts an opening in front of what the agent wrote, kept apart by a space or a blank line. */
export function prepend(opening: string, text: string): string {
  const o = opening.trim();
  if (!text.trim()) return `${o} `;
  if (text.startsWith(o)) return text;
  return `${o}${text.includes("\n") ? "\n\n" : " "}${text}`;
}

/** The composer's part of the empathy engine: acknowledge first, the one-time nudge, the email opening, sending translated (after a preview). */
export function useComposerAssist({ conv, kind, text, setText, guidance, focus }: Opts) {
  const g = guidance?.data ?? null;
  const [nudge, setNudge] = useState<Nudge | null>(null);
  const caps = useCapabilities();
  // With a model configured, replies to a customer writing another language go out in theirs unless the agent
  // unticks it (per conversation); the agent always reads the translation before it is sent.
  const [translateChoice, setTranslateChoice] = useState<{ conversationId: string; on: boolean } | null>(null);
  const translateOut = translateChoice?.conversationId === conv.id ? translateChoice.on : Boolean(caps?.translation);
  const setTranslateOut = (on: boolean) => setTranslateChoice({ conversationId: conv.id, on });
  const [preview, setPreview] = useState<TranslationPreview | null>(null);
  const textRef = useRef(text);
  textRef.current = text;
  const customerLanguage = g?.language ?? guidance?.customerLanguage ?? conv.language ?? null;
  const mine = agentLanguage();
  const upset = Boolean(g?.acknowledgeFirst) || (conv.temperature ?? 0) >= UPSET_TEMPERATURE;

  // Email replies open by restating the customer's question: filled in once, into an empty composer only.
  useEffect(() => {
    if (conv.channel !== "email" || kind !== "reply" || !g?.emailOpening || prefilled.has(conv.id)) return;
    prefilled.add(conv.id);
    if (!textRef.current.trim()) setText(`${g.emailOpening}\n\n`);
  }, [conv.channel, conv.id, kind, g?.emailOpening, setText]);

  /** Whether to hold this send for the nudge: only replies to upset customers, once, and never when the check fails. */
  const shouldHold = async (body: string): Promise<boolean> => {
    if (kind !== "reply" || !upset || nudged.has(conv.id)) return false;
    try {
      const check = await Promise.race([
        languageApi.acknowledgementCheck(conv.id, body),
        new Promise<null>((r) => window.setTimeout(() => r(null), CHECK_TIMEOUT_MS)),
      ]);
      if (!check?.nudge) return false;
      nudged.add(conv.id);
      setNudge({ suggestion: check.suggestion ?? g?.acknowledgements[0] ?? null });
      return true;
    } catch {
      return false;
    }
  };

  const wantsTranslation = kind === "reply" && translateOut && !!customerLanguage && customerLanguage !== mine;

  // A preview of other words (the agent edited them, or turned translation off) is stale: it never goes out.
  useEffect(() => {
    if (preview && (text !== preview.original || !wantsTranslation || preview.target !== customerLanguage)) setPreview(null);
  }, [preview, text, wantsTranslation, customerLanguage]);

  /**
   * Sends the reply or note. In the customer's language it takes two steps: the first translates into a
   * preview the agent reads (and may edit) and returns null; the second sends that text with the original.
   */
  const post = async (body: string, cc?: string[]): Promise<Message | null> => {
    setNudge(null);
    if (!wantsTranslation || !customerLanguage) return api.postMessage(conv.id, kind, body, cc);
    if (!preview || preview.original !== body || preview.target !== customerLanguage) {
      const t = await languageApi.translate(body, customerLanguage, mine);
      setPreview({ original: body, text: t.text, source: t.source ?? mine, target: customerLanguage });
      return null;
    }
    const translated = preview.text.trim();
    if (!translated) throw new Error("The translation is empty; edit it or turn off sending in the customer's language");
    const translation = { text: body, from: preview.source, to: preview.target };
    const sent = await languageApi.postTranslatedReply(conv.id, translated, translation, cc);
    setPreview(null);
    return sent;
  };

  const insertOpening = (opening: string) => {
    setText(prepend(opening, textRef.current));
    setNudge(null);
    focus?.();
  };

  return {
    guidance: g,
    acknowledgements: kind === "reply" && g?.acknowledgeFirst ? g.acknowledgements.slice(0, 3) : [],
    nudge,
    dismissNudge: () => setNudge(null),
    insertOpening,
    shouldHold,
    post,
    translate: {
      offered: kind === "reply" && !!customerLanguage && customerLanguage !== mine,
      on: translateOut,
      set: setTranslateOut,
      language: customerLanguage,
      /** The translation waiting for the agent's go-ahead. */
      preview,
      editPreview: (text: string) => setPreview((p) => (p ? { ...p, text } : p)),
      discardPreview: () => setPreview(null),
    },
    /** What the send button does now: translate first, send the previewed translation, or just send. */
    sendLabel:
      !wantsTranslation || !customerLanguage
        ? "Send reply"
        : preview
          ? `Send in ${languageName(customerLanguage)}`
          : "Translate to preview",
  };
}

export type ComposerAssist = ReturnType<typeof useComposerAssist>;
