import { useCallback, useEffect, useState } from "react";
import type { ChatInfo } from "../../../shared/schemas";
import { chatApi } from "../../api/chat";
import { useMinuteTick } from "../../components/useMinuteTick";
import { useOnReconnect, useRealtimePush } from "../notifications/useRealtimePush";

const safeLink = (url: string | undefined) => (url && /^https?:\/\//i.test(url) ? url : null);

function localTime(timeZone: string | undefined, now: number): string | null {
  if (!timeZone) return null;
  try {
    return new Date(now).toLocaleTimeString(undefined, { timeZone, timeStyle: "short" });
  } catch {
    return null;
  }
}

function languageName(tag: string | undefined): string | null {
  if (!tag) return null;
  try {
    return new Intl.DisplayNames(undefined, { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Where the chat visitor is right now: page, browser, language, local time, and whether they are still there. */
export function ChatVisitorCard({ conversationId }: { conversationId: string }) {
  const [info, setInfo] = useState<ChatInfo | null>(null);
  const [error, setError] = useState(false);
  const now = useMinuteTick();
  const load = useCallback(() => {
    chatApi.info(conversationId).then(setInfo, () => setError(true));
  }, [conversationId]);
  useEffect(load, [load]);
  useOnReconnect(load);
  useRealtimePush((p) => {
    if (p.type !== "chat.visitor") return;
    setInfo((cur) =>
      cur && cur.visitor.id === p.data.visitorId
        ? {
            ...cur,
            visitor: {
              ...cur.visitor,
              online: p.data.online,
              context: p.data.context ?? cur.visitor.context,
              lastSeenAt: new Date().toISOString(),
            },
          }
        : cur,
    );
  });

  if (error) return null;
  if (!info) return <div className="spinner small" role="status" aria-label="Loading the visitor" />;
  const v = info.visitor;
  const c = v.context;
  const page = safeLink(c.url);
  const time = localTime(c.timeZone, now);
  return (
    <section className="chat-visitor" aria-label="Chat visitor" data-testid="chat-visitor">
      <h3>
        <span className={`online-dot ${v.online ? "on" : ""}`} aria-hidden="true" />
        {v.online
          ? "On the site now"
          : `Left ${new Date(v.lastSeenAt).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" })}`}
      </h3>
      <dl className="kv">
        {c.url && (
          <div>
            <dt>Page</dt>
            <dd data-testid="chat-visitor-page">
              {page ? (
                <a href={page} target="_blank" rel="noopener noreferrer nofollow" title={page}>
                  {c.title || page}
                </a>
              ) : (
                c.url
              )}
            </dd>
          </div>
        )}
        {c.browser && (
          <div>
            <dt>Browser</dt>
            <dd data-testid="chat-visitor-browser">{c.browser}</dd>
          </div>
        )}
        {c.language && (
          <div>
            <dt>Language</dt>
            <dd data-testid="chat-visitor-language">{languageName(c.language)}</dd>
          </div>
        )}
        {time && (
          <div>
            <dt>Local time</dt>
            <dd data-testid="chat-visitor-time">
              {time} <span className="muted small">({c.timeZone})</span>
            </dd>
          </div>
        )}
        <div>
          <dt>Identity</dt>
          <dd>
            {v.externalId ? `${v.verified ? "Verified" : "Unverified"} user ${v.externalId}` : "Anonymous visitor"}
            {v.email && !v.verified ? <span className="muted small"> · says {v.email}</span> : null}
          </dd>
        </div>
        {info.followUpEmail && (
          <div>
            <dt>Follow-up</dt>
            <dd>Unread replies go to {info.followUpEmail}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
