import type { Me } from "../../../shared/schemas";
import { usePath } from "../../app/router";
import { ArticleEditor } from "./ArticleEditor";
import { ArticleList } from "./ArticleList";
import { KbContext, useKbData } from "./context";
import { HelpCenterSettings } from "./HelpCenterSettings";
import { KnowledgeHealthPage } from "./KnowledgeHealthPage";
import { Link } from "./nav";
import { isAdmin, isSupervisor } from "./util";

type Page =
  | { kind: "list" }
  | { kind: "new" }
  | { kind: "article"; id: string }
  | { kind: "health" }
  | { kind: "settings" }
  | { kind: "missing" };

function route(path: string): Page {
  if (path === "/knowledge" || path === "/knowledge/") return { kind: "list" };
  if (path === "/knowledge/new") return { kind: "new" };
  if (path === "/knowledge/health") return { kind: "health" };
  if (path === "/knowledge/help-center") return { kind: "settings" };
  const id = /^\/knowledge\/articles\/([0-9a-f-]{36})$/.exec(path)?.[1];
  return id ? { kind: "article", id } : { kind: "missing" };
}

/** The knowledge base in the workspace: articles and their editor, health (supervisors), help-center settings (admins). */
export function KnowledgeArea({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const page = route(usePath());
  const data = useKbData(me);
  const section = page.kind === "health" || page.kind === "settings" ? page.kind : "articles";
  const items = [
    { key: "articles", to: "/knowledge", label: "Articles", show: true },
    { key: "health", to: "/knowledge/health", label: "Knowledge health", show: isSupervisor(me) },
    { key: "settings", to: "/knowledge/help-center", label: "Help center", show: isAdmin(me) },
  ];
  return (
    <KbContext.Provider value={data}>
      <div className="kb-shell">
        <nav className="nav kb-nav" aria-label="Knowledge base">
          <div className="nav-top">
            <span className="brand">
              <span className="brand-mark">R</span> Rapport
            </span>
          </div>
          <p className="nav-account">{me.account.name} · Knowledge</p>
          <div className="nav-views">
            <ul>
              <li>
                <Link to="/" className="nav-item" testId="kb-back-to-inbox">
                  <span className="nav-label">← Conversations</span>
                </Link>
              </li>
            </ul>
            <h2 className="nav-heading">Knowledge</h2>
            <ul>
              {items
                .filter((i) => i.show)
                .map((i) => (
                  <li key={i.key}>
                    <Link
                      to={i.to}
                      className={`nav-item ${section === i.key ? "active" : ""}`}
                      current={section === i.key}
                      testId={`kb-nav-${i.key}`}
                    >
                      <span className="nav-label">{i.label}</span>
                    </Link>
                  </li>
                ))}
            </ul>
          </div>
          <div className="nav-bottom">
            <p className="nav-me">
              {me.user.name} <span className="muted">· {me.user.role}</span>
            </p>
            <button type="button" className="btn link" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </nav>
        <div className="kb-main">
          {page.kind === "list" && <ArticleList />}
          {page.kind === "new" && <ArticleEditor key="new" id={null} />}
          {page.kind === "article" && <ArticleEditor key={page.id} id={page.id} />}
          {page.kind === "health" && <KnowledgeHealthPage />}
          {page.kind === "settings" && <HelpCenterSettings />}
          {page.kind === "missing" && (
            <div className="empty">
              <p className="empty-title">There is no such page</p>
              <Link to="/knowledge" className="btn">
                Go to the articles
              </Link>
            </div>
          )}
        </div>
      </div>
    </KbContext.Provider>
  );
}
