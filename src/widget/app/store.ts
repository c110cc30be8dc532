import { useEffect, useState } from "preact/hooks";
import type {
  Availability,
  VisitorProfile,
  WidgetArticle,
  WidgetArticleHit,
  WidgetConversation,
  WidgetMessage,
} from "../../shared/schemas";
import type { ConnState } from "./connection";

/** A message the visitor wrote that the server has not acknowledged yet (kept across reloads, sent in order, once). */
export type Pending = { clientId: string; conversationId?: string; startedBy?: string; text: string; createdAt: string; error?: string };

export type View = "home" | "chat" | "article" | "prechat";

export type State = {
  ready: boolean;
  fatal: string | null;
  view: View;
  visitor: VisitorProfile | null;
  conversations: WidgetConversation[];
  /** The conversation on screen; null while a new one is being started (then `starter` is its first message). */
  current: string | null;
  starter: string | null;
  messages: Record<string, WidgetMessage[]>;
  outbox: Pending[];
  conn: ConnState;
  availability: Availability;
  typing: Record<string, string | null>;
  draft: string;
  suggestions: WidgetArticleHit[];
  article: WidgetArticle | null;
  articleState: "idle" | "loading" | "error" | "solved";
  open: boolean;
  notice: string | null;
  uploading: boolean;
  /** The first message, held while the pre-chat form is shown. */
  held: string | null;
};

type Listener = () => void;

/** A tiny observable state: components re-render on change, actions live in the controller. */
export class Store {
  private listeners = new Set<Listener>();
  constructor(public state: State) {}

  set(patch: Partial<State> | ((s: State) => Partial<State>)) {
    const p = typeof patch === "function" ? patch(this.state) : patch;
    this.state = { ...this.state, ...p };
    for (const l of this.listeners) l();
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  }
}

export function useStore(store: Store): State {
  const [s, setS] = useState(store.state);
  useEffect(() => store.subscribe(() => setS(store.state)), [store]);
  return s;
}
