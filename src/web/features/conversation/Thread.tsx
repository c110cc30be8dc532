import { Fragment, useLayoutEffect, useRef } from "react";
import type { ConversationEvent, Message } from "../../../shared/schemas";
import { MessageItem } from "./MessageItem";
import { describeEvent } from "./trail";

type Item = { at: string; key: string; message?: Message; line?: string };

function dayLabel(iso: string): string {
  const d = new Date(iso);
  const today = new Date();
  const yesterday = new Date();
  yesterday.setDate(today.getDate() - 1);
  if (d.toDateString() === today.toDateString()) return "Today";
  if (d.toDateString() === yesterday.toDateString()) return "Yesterday";
  return d.toLocaleDateString(undefined, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: d.getFullYear() === today.getFullYear() ? undefined : "numeric",
  });
}

/** Messages and the trail of changes, interleaved by time, with a line for each new day. */
export function Thread({ messages, events, meId }: { messages: Message[]; events: ConversationEvent[]; meId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const seen = useRef(0);
  const items: Item[] = [
    ...messages.map((m) => ({ at: m.createdAt, key: `m${m.id}`, message: m })),
    ...events.flatMap((e) => {
      const line = describeEvent(e);
      return line ? [{ at: e.createdAt, key: `e${e.id}`, line }] : [];
    }),
  ].sort((a, b) => a.at.localeCompare(b.at));

  // Follow new items only when the agent is at the bottom (or wrote them), never yank them while reading back.
  const count = items.length;
  const last = messages[messages.length - 1];
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || count === seen.current) return;
    const first = seen.current === 0;
    const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 160;
    seen.current = count;
    if (first || nearBottom || last?.author.id === meId) el.scrollTop = el.scrollHeight;
  }, [count, last, meId]);

  let day = "";
  return (
    <div className="thread" ref={box} data-testid="thread" role="log" aria-label="Messages" tabIndex={-1}>
      {items.length === 0 && <p className="trail">No messages yet.</p>}
      {items.map((it) => {
        const d = dayLabel(it.at);
        const divider = d !== day ? (day = d) : null;
        return (
          <Fragment key={it.key}>
            {divider && (
              <p className="day">
                <span>{divider}</span>
              </p>
            )}
            {it.message ? (
              <MessageItem m={it.message} mine={it.message.author.id === meId} />
            ) : (
              <p className="trail">
                {it.line} · <time dateTime={it.at}>{new Date(it.at).toLocaleTimeString(undefined, { timeStyle: "short" })}</time>
              </p>
            )}
          </Fragment>
        );
      })}
    </div>
  );
}
