import type { Counts, Me, Status, Team } from "../../../shared/schemas";
import { navigate } from "../../app/router";
import { NotificationBell } from "../notifications/NotificationBell";
import { STATUS_LABEL, type View, viewKey } from "./views";

type Item = { view: View; label: string; prefix?: string; count?: number; testId?: string; noCount?: boolean };

export function Nav(props: {
  me: Me;
  teams: Team[];
  counts: Counts | null;
  view: View;
  onView: (v: View) => void;
  onSignOut: () => void;
  onOpenConversation: (id: string) => void;
  connected: boolean;
}) {
  const c = props.counts;
  const main: Item[] = [
    { view: { kind: "mine" }, label: "Mine", count: c?.mine, testId: "nav-count-mine" },
    { view: { kind: "unassigned" }, label: "Unassigned", count: c?.unassigned, testId: "nav-count-unassigned" },
    { view: { kind: "all" }, label: "All open", count: c?.all, testId: "nav-count-all" },
    { view: { kind: "upset" }, label: "Upset customers", count: c?.upset, testId: "nav-count-upset" },
  ];
  const statuses: Item[] = (["pending", "snoozed", "resolved", "closed"] as Status[]).map((s) => ({
    view: { kind: "status", status: s },
    label: STATUS_LABEL[s],
    count: c?.status[s],
  }));
  const teams: Item[] = props.teams.map((t) => ({
    view: { kind: "team", teamId: t.id },
    label: t.name,
    prefix: "Team: ",
    count: c?.teams[t.id] ?? 0,
  }));
  const active = viewKey(props.view);
  const render = (items: Item[]) => (
    <ul>
      {items.map((it) => (
        <li key={viewKey(it.view)}>
          <button
            type="button"
            className={`nav-item ${active === viewKey(it.view) ? "active" : ""}`}
            aria-current={active === viewKey(it.view) ? "page" : undefined}
            onClick={() => props.onView(it.view)}
          >
            <span className="nav-label">
              {it.prefix && <span className="visually-hidden">{it.prefix}</span>}
              {it.label}
            </span>
            {!it.noCount && (
              <span className="count" data-testid={it.testId}>
                {it.count ?? "–"}
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
  return (
    <nav className="nav" aria-label="Inbox views">
      <div className="nav-top">
        <span className="brand">
          <span className="brand-mark">R</span> Rapport
        </span>
        <NotificationBell onOpenConversation={props.onOpenConversation} />
      </div>
      <p className="nav-account">{props.me.account.name}</p>
      <div className="nav-views">
        {render(main)}
        <h2 className="nav-heading">Status</h2>
        {render(statuses)}
        {teams.length > 0 && (
          <>
            <h2 className="nav-heading">Teams</h2>
            {render(teams)}
          </>
        )}
        <h2 className="nav-heading">Knowledge</h2>
        <ul>
          <li>
            <button type="button" className="nav-item" onClick={() => navigate("/knowledge")} data-testid="nav-knowledge">
              <span className="nav-label">Articles</span>
            </button>
          </li>
        </ul>
      </div>
      <div className="nav-bottom">
        <div role="status" className="conn">
          {!props.connected && (
            <p className="reconnecting" data-testid="reconnecting">
              <span className="spinner tiny" aria-hidden="true" /> Reconnecting…
            </p>
          )}
        </div>
        <p className="nav-me">
          {props.me.user.name} <span className="muted">· {props.me.user.role}</span>
        </p>
        <p className="muted small">Press ? for shortcuts</p>
        {(props.me.user.role === "admin" || props.me.user.role === "owner") && (
          <button type="button" className="btn link" onClick={() => navigate("/settings/inboxes")} data-testid="nav-settings-inboxes">
            Inboxes and chat
          </button>
        )}
        <button type="button" className="btn link" onClick={props.onSignOut}>
          Sign out
        </button>
      </div>
    </nav>
  );
}
