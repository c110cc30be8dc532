import { useCallback, useEffect, useId, useRef, useState } from "react";
import { type Suggestion, knowledgeApi } from "../../api/knowledge";
import { htmlToText } from "./util";

/** A row of the panel: a suggestion for this conversation, or a search hit (no snippet, link fetched on demand). */
type Item = {
  articleId: string;
  title: string;
  locale: string;
  internal: boolean;
  verified: boolean;
  url: string | null;
  snippet: string | null;
};

const fromSuggestion = (s: Suggestion): Item => ({
  articleId: s.articleId,
  title: s.title,
  locale: s.locale,
  internal: s.visibility === "internal",
  verified: s.verified,
  url: s.url || null,
  snippet: s.snippet,
});

/** "«kettle» arrived" → text with the matched words in <mark>, built as elements (never as HTML). */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/«([^»]*)»/g);
  // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string; their order is their identity
  return <p className="kb-snippet">{parts.map((p, i) => (i % 2 ? <mark key={i}>{p}</mark> : p))}</p>;
}

type Props = { conversationId: string; language: string | null; revision: number; onInsert: (text: string) => void };

/** Articles for the conversation at hand (internal ones too), a search for others, one click into the composer. */
export function ArticlesPanel({ conversationId, language, revision, onInsert }: Props) {
  const id = useId();
  const [suggested, setSuggested] = useState<Item[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState("");
  const [found, setFound] = useState<Item[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  const load = useCallback(() => {
    setError(null);
    knowledgeApi.suggestions(conversationId).then(
      (r) => live.current && setSuggested(r.items.map(fromSuggestion)),
      (e) => live.current && setError(e instanceof Error ? e.message : "Could not load suggestions"),
    );
  }, [conversationId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new customer message (revision) changes what is relevant
  useEffect(load, [load, revision]);

  useEffect(() => {
    if (!q.trim()) return setFound(null);
    setSearching(true);
    const t = window.setTimeout(() => {
      knowledgeApi.articles({ q: q.trim(), limit: "10" }).then(
        (r) => {
          if (!live.current) return;
          setSearching(false);
          setFound(
            r.items.map((a) => {
              const pick = a.locales.find((l) => l.locale === language) ?? a.locales.find((l) => l.status === "published") ?? a.locales[0];
              return {
                articleId: a.id,
                title: pick?.title ?? a.title,
                locale: pick?.locale ?? "",
                internal: a.visibility === "internal",
                verified: a.verification.state === "verified",
                url: null,
                snippet: null,
              };
            }),
          );
        },
        () => {
          if (!live.current) return;
          setSearching(false);
          setFound([]);
        },
      );
    }, 250);
    return () => window.clearTimeout(t);
  }, [q, language]);

  // The link and the text come from the article itself, so both are what the help center shows.
  const insert = async (it: Item, what: "link" | "content") => {
    setBusy(`${it.articleId}:${what}`);
    setNotice("");
    try {
      if (what === "link" && it.url) {
        onInsert(it.url);
      } else {
        const a = await knowledgeApi.article(it.articleId);
        const t = a.translations.find((x) => x.locale === it.locale) ?? a.translations[0];
        if (!t) throw new Error("The article has no text yet");
        if (what === "link") {
          if (!t.url || t.status !== "published") throw new Error("The article is not published in the help center");
          onInsert(t.url);
        } else onInsert(htmlToText(t.html) || t.body);
      }
      // Internal knowledge may go into a reply, but never unnoticed: the agent is told before sending.
      setNotice(
        what === "content" && it.internal
          ? "Internal article text inserted: it was written for your team, so check it before a customer sees it"
          : `${what === "link" ? "Link" : "Article text"} inserted into the composer`,
      );
    } catch (e) {
      setNotice(e instanceof Error ? e.message : "Could not insert the article");
    } finally {
      if (live.current) setBusy(null);
    }
  };

  const list = found ?? suggested;
  return (
    <section className="kb-panel" aria-labelledby={`${id}-title`} data-testid="articles-panel">
      <h2 id={`${id}-title`} className="visually-hidden">
        Articles
      </h2>
      <label className="visually-hidden" htmlFor={`${id}-q`}>
        Search articles
      </label>
      <input
        id={`${id}-q`}
        type="search"
        className="kb-panel-search"
        placeholder="Search all articles…"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        data-testid="articles-panel-search"
      />
      <h3>{found ? "Search results" : "Suggested for this conversation"}</h3>
      <p className="kb-panel-notice" role="status" aria-live="polite" data-testid="articles-panel-notice">
        {notice}
      </p>
      {error && !found && (
        <div role="alert" className="small">
          <p>{error}</p>
          <button type="button" className="btn" onClick={load}>
            Try again
          </button>
        </div>
      )}
      {!list && !error && <div className="spinner small" role="status" aria-label="Loading suggestions" />}
      {searching && found === null && <p className="muted small">Searching…</p>}
      {list && list.length === 0 && (
        <p className="muted small" data-testid="articles-panel-empty">
          {found ? "No article matches. Try other words." : "No article matches this conversation yet. Search above for others."}
        </p>
      )}
      {list && list.length > 0 && (
        <ul className="kb-panel-list">
          {list.map((it) => (
            <li
              key={`${it.articleId}:${it.locale}`}
              className="kb-panel-item"
              data-testid="article-suggestion"
              data-article-id={it.articleId}
            >
              <p className="kb-panel-title">
                <a href={`/knowledge/articles/${it.articleId}`} target="_blank" rel="noopener">
                  {it.title}
                </a>
              </p>
              <p className="kb-panel-chips">
                {it.internal && <span className="chip kb-internal">Internal</span>}
                {!it.verified && (
                  <span className="chip kb-unverified" title="Past its verification date: check it before you rely on it">
                    Unverified
                  </span>
                )}
                {it.locale && <span className="chip">{it.locale}</span>}
              </p>
              {it.snippet && <Snippet text={it.snippet} />}
              <div className="kb-panel-actions">
                {!it.internal && (
                  <button
                    type="button"
                    className="btn small-btn"
                    disabled={busy !== null}
                    onClick={() => void insert(it, "link")}
                    aria-label={`Insert link to ${it.title}`}
                    data-testid="insert-link"
                  >
                    Insert link
                  </button>
                )}
                <button
                  type="button"
                  className="btn small-btn"
                  disabled={busy !== null}
                  onClick={() => void insert(it, "content")}
                  aria-label={`Insert the text of ${it.title}`}
                  data-testid="insert-content"
                >
                  Insert content
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
