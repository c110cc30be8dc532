import { useCallback, useEffect, useState } from "react";
import type { ArticleSummary } from "../../../shared/schemas";
import { type Health, knowledgeApi } from "../../api/knowledge";
import { relativeTime } from "../../components/format";
import { useKb } from "./context";
import { Link } from "./nav";
import { VerificationBadge } from "./VerificationBadge";
import { isSupervisor, localeName } from "./util";

const pct = (n: number) => `${Math.round(n * 100)}%`;

/** Can agents and customers trust the knowledge base, and where does it fall short? For supervisors and admins. */
export function KnowledgeHealthPage() {
  const { me } = useKb();
  const [health, setHealth] = useState<Health | null>(null);
  const [due, setDue] = useState<ArticleSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    knowledgeApi.health().then(setHealth, (e) => setError(e instanceof Error ? e.message : "Could not load the health report"));
    knowledgeApi.articles({ verification: "due", limit: "50" }).then(
      (r) => setDue(r.items),
      () => {},
    );
  }, []);
  useEffect(load, [load]);

  if (!isSupervisor(me))
    return (
      <main className="kb-page">
        <div className="empty card">
          <p className="empty-title">For supervisors and admins</p>
          <p className="muted">Ask one of them about the knowledge base's health.</p>
        </div>
      </main>
    );

  return (
    <main className="kb-page" aria-labelledby="kb-health-title" aria-busy={!health && !error}>
      <header className="kb-page-head">
        <h1 id="kb-health-title">Knowledge health</h1>
        <button type="button" className="btn" onClick={load}>
          Refresh
        </button>
      </header>
      {error && (
        <div className="card" role="alert">
          <p className="empty-title">Couldn't load the health report</p>
          <p>{error}</p>
          <button type="button" className="btn" onClick={load}>
            Try again
          </button>
        </div>
      )}
      {!health && !error && (
        <div className="center-screen kb-loading">
          <div className="spinner" role="status" aria-label="Loading the health report" />
        </div>
      )}
      {health && (
        <>
          <section className="kb-stats" aria-label="Overview">
            <div className="card kb-stat kb-trust" data-testid="trust-score">
              <p className="kb-stat-label">Trust score</p>
              <p className="kb-stat-value">{health.articles ? pct(health.trustScore) : "—"}</p>
              <meter className="visually-hidden" min={0} max={1} value={health.trustScore} aria-label="Share of articles verified" />
              <div className="kb-meter" aria-hidden="true">
                <span style={{ width: pct(health.trustScore) }} />
              </div>
              <p className="muted small">
                {health.verified} of {health.articles} articles verified · {health.due} due
              </p>
            </div>
            {(["shown", "opened", "solved", "escalated"] as const).map((k) => (
              <div key={k} className="card kb-stat" data-testid={`deflection-${k}`}>
                <p className="kb-stat-label">{DEFLECTION[k]}</p>
                <p className="kb-stat-value">{health.deflection[k].toLocaleString()}</p>
                <p className="muted small">
                  {k === "shown"
                    ? "article suggestions in the widget"
                    : health.deflection.shown
                      ? `${pct(health.deflection[k] / health.deflection.shown)} of shown`
                      : "—"}
                </p>
              </div>
            ))}
          </section>
          <section className="card kb-section" aria-labelledby="kb-due-title">
            <h2 id="kb-due-title">Due for verification</h2>
            {due.length === 0 ? (
              <p className="muted">Every article is verified within its interval.</p>
            ) : (
              <ul className="kb-due">
                {due.map((a) => (
                  <li key={a.id} data-testid="due-article">
                    <Link to={`/knowledge/articles/${a.id}`}>{a.title}</Link>
                    <span className="muted small">Owner: {a.owner?.name ?? "nobody — assign one"}</span>
                    <VerificationBadge v={a.verification} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card kb-section" aria-labelledby="kb-gaps-title">
            <h2 id="kb-gaps-title">What customers looked for and didn't find</h2>
            {health.searchesWithoutResults.length === 0 ? (
              <p className="muted">
                No searches without results. When a search in the help center or widget finds nothing, it shows up here.
              </p>
            ) : (
              <div className="kb-table-wrap">
                <table className="table" data-testid="searches-without-results">
                  <thead>
                    <tr>
                      <th scope="col">Search</th>
                      <th scope="col">Language</th>
                      <th scope="col">Times</th>
                      <th scope="col">Last</th>
                      <th scope="col">
                        <span className="visually-hidden">Action</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {health.searchesWithoutResults.map((s) => (
                      <tr key={`${s.locale}:${s.query}`}>
                        <td className="kb-query">{s.query}</td>
                        <td>{localeName(s.locale)}</td>
                        <td>{s.count}</td>
                        <td>{relativeTime(s.lastAt)}</td>
                        <td>
                          <Link to={`/knowledge/new?title=${encodeURIComponent(s.query)}&locale=${encodeURIComponent(s.locale)}`}>
                            Write an article
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section className="card kb-section" aria-labelledby="kb-helpful-title">
            <h2 id="kb-helpful-title">Was it helpful?</h2>
            {health.helpful.length === 0 ? (
              <p className="muted">No votes yet. Every help-center article asks its readers.</p>
            ) : (
              <div className="kb-table-wrap">
                <table className="table" data-testid="helpful-table">
                  <thead>
                    <tr>
                      <th scope="col">Article</th>
                      <th scope="col">Language</th>
                      <th scope="col">Yes</th>
                      <th scope="col">No</th>
                      <th scope="col">Helpful</th>
                    </tr>
                  </thead>
                  <tbody>
                    {health.helpful.map((h) => (
                      <tr key={`${h.articleId}:${h.locale}`}>
                        <td>
                          <Link to={`/knowledge/articles/${h.articleId}`}>{h.title}</Link>
                        </td>
                        <td>{localeName(h.locale)}</td>
                        <td>{h.yes}</td>
                        <td>{h.no}</td>
                        <td>{h.yes + h.no ? pct(h.yes / (h.yes + h.no)) : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </main>
  );
}

const DEFLECTION = {
  shown: "Suggestions shown",
  opened: "Articles opened",
  solved: "Solved by an article",
  escalated: "Asked for a person",
};
