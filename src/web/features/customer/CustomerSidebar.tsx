import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { type CustomerDetail, api } from "../../api/client";
import { Icon } from "../../components/Icon";
import { useOnReconnect, useRealtimePush } from "../notifications/useRealtimePush";
import { ConversationHistory } from "./ConversationHistory";

const IDENTITY_LABEL = { email: "Email", phone: "Phone", chat: "Chat id", external: "External id" } as const;

/** "lifetimeValue" → "Lifetime value", "order_count" → "Order count". */
export function humanize(key: string): string {
  const s = key
    .replace(/[_-]+/g, " ")
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? "Yes" : "No";
  if (typeof v === "number") return v.toLocaleString();
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

type Props = {
  customerId: string;
  currentId: string;
  onOpen: (id: string) => void;
  open: boolean;
  onClose: () => void;
  /** Knowledge-base articles for the conversation, in a second tab. */
  articles?: ReactNode;
  /** Chat conversations: where the visitor is (page, browser, language, local time). */
  visitor?: ReactNode;
  /** The HELP panel (hear, empathize, lead, follow up), in its own tab. */
  help?: ReactNode;
};

type Tab = "customer" | "help" | "articles";
const TAB_LABEL: Record<Tab, string> = { customer: "Customer", help: "HELP", articles: "Articles" };

/** Who the customer is and every conversation they had with us, on any channel. */
export function CustomerSidebar({ customerId, currentId, onOpen, open, onClose, articles, visitor, help }: Props) {
  const [tab, setTab] = useState<Tab>("customer");
  const tabs: Tab[] = ["customer", ...(help ? (["help"] as const) : []), ...(articles ? (["articles"] as const) : [])];
  const [c, setC] = useState<CustomerDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  const load = useCallback(() => {
    setError(null);
    api.customer(customerId).then(
      (x) => live.current && setC(x),
      (e) => live.current && setError(e instanceof Error ? e.message : "Could not load the customer"),
    );
  }, [customerId]);
  useEffect(load, [load]);
  useOnReconnect(load);

  // Keep the history current: a status change or a new conversation of this customer shows at once.
  useRealtimePush((p) => {
    if ((p.type !== "conversation.updated" && p.type !== "conversation.created") || p.data.customer.id !== customerId) return;
    setC((cur) => {
      if (!cur) return cur;
      const has = cur.conversations.some((x) => x.id === p.data.id);
      const conversations = has ? cur.conversations.map((x) => (x.id === p.data.id ? p.data : x)) : [p.data, ...cur.conversations];
      return { ...cur, conversations };
    });
  });

  // As a drawer (narrower screens): focus moves in, and Escape closes it before any other Escape handler runs.
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [open, onClose]);

  const attributes = c ? Object.entries(c.attributes) : [];
  return (
    <aside
      id="customer-sidebar"
      className={`sidebar ${open ? "open" : ""}`}
      data-testid="customer-sidebar"
      aria-label="Customer"
      aria-busy={!c && !error}
    >
      <button ref={closeRef} type="button" className="btn icon sidebar-close" onClick={onClose} aria-label="Close customer details">
        <Icon name="close" size={18} />
      </button>
      {tabs.length > 1 && (
        <div className="tabs sidebar-tabs" role="tablist" aria-label="Sidebar">
          {tabs.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              id={`sidebar-tab-${t}`}
              aria-selected={tab === t}
              aria-controls={`sidebar-panel-${t}`}
              data-testid={`sidebar-tab-${t}`}
              onClick={() => setTab(t)}
            >
              {TAB_LABEL[t]}
            </button>
          ))}
        </div>
      )}
      {help && (
        <div id="sidebar-panel-help" role="tabpanel" aria-labelledby="sidebar-tab-help" hidden={tab !== "help"}>
          {help}
        </div>
      )}
      {articles && (
        <div id="sidebar-panel-articles" role="tabpanel" aria-labelledby="sidebar-tab-articles" hidden={tab !== "articles"}>
          {articles}
        </div>
      )}
      <div
        id="sidebar-panel-customer"
        {...(tabs.length > 1 ? { role: "tabpanel", "aria-labelledby": "sidebar-tab-customer" } : {})}
        hidden={tab !== "customer"}
      >
        {visitor}
        {error && (
          <div role="alert">
            <p>{error}</p>
            <button type="button" className="btn" onClick={load}>
              Try again
            </button>
          </div>
        )}
        {!c && !error && <div className="spinner small" role="status" aria-label="Loading customer" />}
        {c && (
          <>
            <h2>{c.name ?? c.identities[0]?.value ?? "Unknown customer"}</h2>
            <p className="muted small">Customer since {new Date(c.createdAt).toLocaleDateString(undefined, { dateStyle: "medium" })}</p>
            <h3>Identities</h3>
            {c.identities.length === 0 ? (
              <p className="muted small">No email, phone or id on file.</p>
            ) : (
              <dl className="kv">
                {c.identities.map((i) => (
                  <div key={`${i.kind}:${i.value}`}>
                    <dt>{IDENTITY_LABEL[i.kind]}</dt>
                    <dd>{i.value}</dd>
                  </div>
                ))}
              </dl>
            )}
            <h3>Attributes</h3>
            {attributes.length === 0 ? (
              <p className="muted small">No attributes yet.</p>
            ) : (
              <dl className="kv">
                {attributes.map(([k, v]) => (
                  <div key={k}>
                    <dt title={k}>{humanize(k)}</dt>
                    <dd>{show(v)}</dd>
                  </div>
                ))}
              </dl>
            )}
            <ConversationHistory conversations={c.conversations} currentId={currentId} onOpen={onOpen} />
          </>
        )}
      </div>
    </aside>
  );
}
