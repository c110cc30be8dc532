import { useCallback, useEffect, useRef, useState } from "react";
import type { Message } from "../../../shared/schemas";
import { chatApi } from "../../api/chat";
import { useOnReconnect, useRealtimePush } from "../notifications/useRealtimePush";

/** Under a chat thread: "Visitor is typing…" and "Seen" once the visitor has read the last reply. */
export function ChatStatusLine({ conversationId, messages }: { conversationId: string; messages: Message[] }) {
  const [readAt, setReadAt] = useState<string | null>(null);
  const [typing, setTyping] = useState(false);
  const stale = useRef<number | undefined>(undefined);
  const load = useCallback(() => {
    chatApi.info(conversationId).then(
      (i) => setReadAt(i.visitorReadAt),
      () => {},
    );
  }, [conversationId]);
  useEffect(load, [load]);
  useOnReconnect(load);
  useEffect(() => () => window.clearTimeout(stale.current), []);
  useRealtimePush((p) => {
    if (p.type === "chat.read" && p.data.conversationId === conversationId) setReadAt(p.data.at);
    if (p.type === "chat.typing" && p.data.conversationId === conversationId) {
      setTyping(p.data.typing);
      // A visitor who closes the tab mid-sentence sends no "stopped": forget it after a while.
      window.clearTimeout(stale.current);
      if (p.data.typing) stale.current = window.setTimeout(() => setTyping(false), 15_000);
    }
    if (p.type === "message.created" && p.data.conversationId === conversationId && p.data.kind === "incoming") setTyping(false);
  });
  const lastReply = [...messages].reverse().find((m) => m.kind === "reply");
  const seen = !!lastReply && !!readAt && readAt >= lastReply.createdAt;
  return (
    <div className="chat-status-line" aria-live="polite" data-testid="chat-status-line">
      {typing && <span className="typing">The visitor is typing…</span>}
      {seen && <span data-testid="chat-seen">Seen {new Date(readAt).toLocaleTimeString(undefined, { timeStyle: "short" })}</span>}
    </div>
  );
}
