import { useCallback, useEffect, useState } from "react";
import type { Conversation, ConversationEvent, Message, Presence } from "../../../shared/schemas";
import { type ConversationPatch, api } from "../../api/client";
import type { Realtime } from "../../api/realtime";

export type Viewer = Presence["viewers"][number];

/** One open conversation: its thread and trail, who else is there, kept live by pushes. */
export function useConversation(id: string, realtime: Realtime, meId: string, onChanged: (c: Conversation) => void) {
  const [conv, setConv] = useState<Conversation | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [events, setEvents] = useState<ConversationEvent[]>([]);
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refreshEvents = useCallback(() => {
    api.events(id).then(
      (e) => setEvents(e.items),
      () => {},
    );
  }, [id]);

  const load = useCallback(async () => {
    setError(null);
    try {
      const [c, m, e] = await Promise.all([api.conversation(id), api.messages(id), api.events(id)]);
      setConv(c);
      // Keep anything a push delivered while the page was loading.
      setMessages((live) => [...m.items, ...live.filter((x) => !m.items.some((y) => y.id === x.id))]);
      setEvents(e.items);
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not load the conversation");
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  const addMessage = useCallback((m: Message) => {
    setMessages((ms) => (ms.some((x) => x.id === m.id) ? ms : [...ms, m]));
  }, []);

  useEffect(() => {
    // Each time the socket (again) delivers pushes, reload what may have changed before it did.
    const offStatus = realtime.onStatus((up) => {
      if (up) void load();
    });
    const offPush = realtime.on((p) => {
      if (p.type === "message.created" && p.data.conversationId === id) {
        addMessage(p.data);
        if (p.data.author.id !== meId) {
          setNotice(
            p.data.kind === "incoming"
              ? `New message from ${p.data.author.name ?? "the customer"}`
              : `New ${p.data.kind === "note" ? "note" : "reply"} from ${p.data.author.name ?? "a teammate"}`,
          );
        }
      } else if (p.type === "message.updated" && p.data.conversationId === id) {
        setMessages((ms) => (ms.some((x) => x.id === p.data.id) ? ms.map((x) => (x.id === p.data.id ? p.data : x)) : [...ms, p.data]));
      } else if (p.type === "conversation.updated" && p.data.id === id) {
        // Pushes are presented for the least-privileged viewer: keep our own abilities.
        setConv((c) => (c ? { ...p.data, can: c.can } : p.data));
        refreshEvents();
      } else if (p.type === "presence" && p.data.conversationId === id) {
        setViewers(p.data.viewers.filter((v) => v.userId !== meId));
      }
    });
    return () => {
      offStatus();
      offPush();
    };
  }, [realtime, id, meId, load, addMessage, refreshEvents]);

  const update = useCallback(
    async (patch: ConversationPatch) => {
      try {
        const c = await api.updateConversation(id, patch);
        setConv(c);
        onChanged(c);
        setNotice(null);
        refreshEvents();
      } catch (err) {
        setNotice(err instanceof Error ? `Not saved: ${err.message}` : "The change was not saved");
      }
    },
    [id, onChanged, refreshEvents],
  );

  /** Our own message: shown at once, and the conversation refetched for its new state (reopened, counts). */
  const sent = useCallback(
    (m: Message) => {
      addMessage(m);
      api.conversation(id).then(
        (c) => {
          setConv(c);
          onChanged(c);
        },
        () => {},
      );
    },
    [id, addMessage, onChanged],
  );

  return { conv, messages, events, viewers, error, notice, setNotice, load, update, sent };
}
