import { useEffect, useState } from "react";
import { knowledgeApi } from "../../api/knowledge";
import { useMinuteTick } from "../../components/useMinuteTick";
import { ArticleFilters } from "./ArticleFilters";
import { ArticleRow } from "./ArticleRow";
import { useKb } from "./context";
import { Link } from "./nav";
import { NO_FILTERS, useArticleList } from "./useArticleList";

/** Every article of the account, searchable and filtered; a row opens the editor. */
export function ArticleList() {
  useMinuteTick();
  const { me } = useKb();
  const list = useArticleList(me.user.id);
  const filtered = JSON.stringify(list.filters) !== JSON.stringify(NO_FILTERS);
  const first = list.loading && list.items.length === 0;
  // Mirrors the server's policy: every agent writes articles (and owns them); supervisors edit any.
  const canCreate = true;
  // Past-due articles are flagged to their owner here (and reminded by the server).
  const [mineDue, setMineDue] = useState(0);
  useEffect(() => {
    knowledgeApi.articles({ ownerId: me.user.id, verification: "due", limit: "100" }).then(
      (r) => setMineDue(r.items.length),
      () => {},
    );
  }, [me.user.id]);
  return (
    <main className="kb-page" aria-labelledby="kb-list-title">
      <header className="kb-page-head">
        <h1 id="kb-list-title">Articles</h1>
        {canCreate && (
          <Link to="/knowledge/new" className="btn primary" testId="new-article">
            New article
          </Link>
        )}
      </header>
      {mineDue > 0 && !(list.filters.due && list.filters.mine) && (
        <div className="kb-banner" role="note" data-testid="kb-mine-due">
          <span>
            <strong>{mineDue === 100 ? "100+" : mineDue}</strong> article{mineDue === 1 ? "" : "s"} you own need{mineDue === 1 ? "s" : ""}{" "}
            verification: agents see {mineDue === 1 ? "it" : "them"} as unverified.
          </span>
          <button type="button" className="btn" onClick={() => list.setFilters({ ...NO_FILTERS, due: true, mine: true })}>
            Show {mineDue === 1 ? "it" : "them"}
          </button>
        </div>
      )}
      <ArticleFilters value={list.filters} onChange={list.setFilters} />
      <section className="kb-list card" aria-label="Articles" aria-busy={list.loading}>
        {list.error && (
          <div className="list-error" role="alert">
            <p className="empty-title">Couldn't load the articles</p>
            <p>{list.error}</p>
            <button type="button" className="btn" onClick={list.reload}>
              Try again
            </button>
          </div>
        )}
        {!list.error && first && (
          <ul className="kb-rows" aria-label="Loading articles">
            {[0, 1, 2, 3, 4].map((i) => (
              <li key={i} className="row skeleton kb-skeleton" aria-hidden="true">
                <span />
                <span />
                <span />
              </li>
            ))}
          </ul>
        )}
        {!list.error && !list.loading && list.items.length === 0 && (
          <div className="empty" data-testid="kb-empty">
            <svg className="empty-art" width="72" height="72" viewBox="0 0 72 72" aria-hidden="true">
              <rect x="16" y="10" width="40" height="52" rx="6" fill="#e8eefc" />
              <path d="M25 24h22M25 32h22M25 40h14" stroke="#2f5bd3" strokeWidth="3" strokeLinecap="round" />
            </svg>
            {filtered ? (
              <>
                <p className="empty-title">No article matches</p>
                <p className="muted">Try other words, or clear the filters.</p>
                <button type="button" className="btn" onClick={() => list.setFilters(NO_FILTERS)}>
                  Clear search and filters
                </button>
              </>
            ) : (
              <>
                <p className="empty-title">{canCreate ? "Write your first article" : "No articles yet"}</p>
                <p className="muted">
                  Answers written once help customers in the help center and the chat widget, and your team in every conversation.
                  {!canCreate && " Supervisors and admins write them; you keep the ones you own up to date."}
                </p>
                {canCreate && (
                  <Link to="/knowledge/new" className="btn primary">
                    New article
                  </Link>
                )}
              </>
            )}
          </div>
        )}
        {list.items.length > 0 && (
          <ul className="kb-rows">
            {list.items.map((a) => (
              <li key={a.id}>
                <ArticleRow a={a} />
              </li>
            ))}
            {list.nextCursor && (
              <li>
                <button type="button" className="btn wide more" onClick={list.more} disabled={list.loading}>
                  {list.loading ? "Loading…" : "Load more"}
                </button>
              </li>
            )}
          </ul>
        )}
      </section>
    </main>
  );
}
