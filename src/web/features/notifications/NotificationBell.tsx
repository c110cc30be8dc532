import { useCallback, useEffect, useRef, useState } from "react";
import type { Notification } from "../../../shared/schemas";
import { api } from "../../api/client";
import { navigate } from "../../app/router";
import { relativeTime } from "../../components/format";
import { Icon } from "../../components/Icon";
import { useOnReconnect, useRealtimePush } from "./useRealtimePush";

const excerpt = (s: string | null) => (s ? (s.length > 90 ? `${s.slice(0, 90).trimEnd()}…` : s) : "");

function describe(n: Notification): string {
  if (n.type === "article.verify_due") return "An article you own is due for verification";
  const who = n.actor?.name ?? "Someone";
  const where = n.conversationNumber !== null ? ` #${n.conversationNumber}` : " a conversation";
  // A follow-up task's reminder (HELP: provide responsible follow-up); its title is the excerpt.
  if (n.type === "follow_up.due") return `Follow-up due in${where}`;
  return n.type === "mention" ? `${who} mentioned you in${where}` : `${who} assigned you${where}`;
}

export function NotificationBell({ onOpenConversation }: { onOpenConversation: (id: string) => void }) {
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [announce, setAnnounce] = useState("");
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  const load = useCallback(() => {
    api.notifications().then(
      (r) => {
        setItems(r.items);
        setUnread(r.unread);
      },
      () => {},
    );
  }, []);
  useEffect(load, [load]);
  useOnReconnect(load);
  // The tab title shows unread notifications, for agents working in another tab.
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) Rapport` : "Rapport";
  }, [unread]);
  useRealtimePush((p) => {
    if (p.type !== "notification.created") return;
    setItems((xs) => (xs.some((x) => x.id === p.data.id) ? xs : [p.data, ...xs]));
    if (!p.data.readAt) setUnread((n) => n + 1);
    setAnnounce(`${describe(p.data)}: ${excerpt(p.data.excerpt)}`);
  });

  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  }, []);
  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const outside = (e: MouseEvent) => !box.current?.contains(e.target as Node) && close(false);
    document.addEventListener("mousedown", outside);
    return () => document.removeEventListener("mousedown", outside);
  }, [open, close]);

  const choose = (n: Notification) => {
    close(false);
    if (!n.readAt) {
      void api.markRead([n.id]).catch(() => {});
      setItems((xs) => xs.map((x) => (x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x)));
      setUnread((u) => Math.max(0, u - 1));
    }
    if (n.conversationId) onOpenConversation(n.conversationId);
    else if (n.articleId) navigate(`/knowledge/articles/${n.articleId}`);
  };
  const readAll = () => {
    setItems((xs) => xs.map((x) => (x.readAt ? x : { ...x, readAt: new Date().toISOString() })));
    setUnread(0);
    void api.markRead().then(load, load);
  };

  return (
    <div className="bell" ref={box}>
      <button
        ref={button}
        type="button"
        className="btn icon"
        data-testid="notification-bell"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        <Icon name="bell" size={18} />
        {unread > 0 && (
          <span className="badge" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
      {open && (
        <div
          ref={panel}
          className="popover"
          role="dialog"
          aria-label="Notifications"
          tabIndex={-1}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.preventDefault();
              close(true);
            }
          }}
        >
          <div className="popover-head">
            <h2>Notifications</h2>
            {unread > 0 && (
              <button type="button" className="btn link small" onClick={readAll}>
                Mark all read
              </button>
            )}
          </div>
          {items.length === 0 ? (
            <p className="muted">No notifications yet. When a teammate @mentions you or assigns you a conversation, it shows here.</p>
          ) : (
            <ul>
              {items.map((n) => (
                <li key={n.id}>
                  <button
                    type="button"
                    className={`notif ${n.readAt ? "" : "unread"}`}
                    onClick={() => choose(n)}
                    data-testid="notification"
                  >
                    <span>
                      <strong>{describe(n)}</strong>
                      {n.excerpt && <span className="notif-excerpt">: {excerpt(n.excerpt)}</span>}
                    </span>
                    <span className="muted small">
                      {!n.readAt && <span className="visually-hidden">Unread · </span>}
                      {relativeTime(n.createdAt)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
