import { useState } from "react";
import { ArticleSettings } from "./ArticleSettings";
import { Link } from "./nav";
import { TranslationPane } from "./TranslationPane";
import { LocaleBar } from "./LocaleBar";
import { useArticleEditor } from "./useArticleEditor";
import { VersionHistory } from "./VersionHistory";
import { COMMON_LOCALES, localeName } from "./util";

/** Create or edit an article: settings, then one or two languages side by side, each with its history. */
export function ArticleEditor({ id }: { id: string | null }) {
  const e = useArticleEditor(id);
  const { article, primary, secondary } = e;
  const [history, setHistory] = useState<string | null>(null);

  if (e.loadError)
    return (
      <main className="kb-page">
        <div className="empty card" role="alert">
          <p className="empty-title">{e.loadError.status === 404 ? "This article doesn't exist" : "Couldn't open this article"}</p>
          <p className="muted">{e.loadError.status === 404 ? "It may have been deleted." : e.loadError.message}</p>
          {e.loadError.status !== 404 && (
            <button type="button" className="btn" onClick={() => void e.load()}>
              Try again
            </button>
          )}
          <Link to="/knowledge" className="btn link">
            Back to the articles
          </Link>
        </div>
      </main>
    );
  if ((id && !article) || !primary)
    return (
      <main className="kb-page" aria-busy="true">
        <div className="center-screen kb-loading">
          <div className="spinner" role="status" aria-label="Loading article" />
        </div>
      </main>
    );

  const existing = article?.translations.map((t) => t.locale) ?? [];
  const tr = (l: string) => article?.translations.find((t) => t.locale === l) ?? null;
  const readOnly = article ? !article.can.update : false;
  const title = tr(primary)?.title || (article ? article.slug : "New article");
  const newLocales = [...new Set([primary, ...e.kb.locales, ...COMMON_LOCALES])];

  const switchPrimary = (l: string) => {
    if (!e.confirmDiscard(primary)) return;
    if (l === secondary) e.setSecondary(null);
    e.setPrimary(l);
  };
  const switchSecondary = (l: string | null) => {
    if (secondary && !e.confirmDiscard(secondary)) return;
    e.setSecondary(l);
  };

  return (
    <main className="kb-page kb-editor" aria-labelledby="kb-editor-title">
      <header className="kb-editor-head">
        <Link to="/knowledge" className="btn link kb-back" label="Back to the articles">
          ← Articles
        </Link>
        <h1 id="kb-editor-title">{title}</h1>
        {article?.visibility === "internal" && <span className="chip kb-internal">Internal</span>}
        <span className="spacer" />
        <p className="kb-save-status" role="status" aria-live="polite" data-testid="save-status">
          {e.status || (e.unsaved ? "Unsaved changes" : article ? "All changes saved" : "")}
        </p>
      </header>
      {readOnly && <p className="kb-readonly muted">You can read this article; only its owner, supervisors and admins change it.</p>}
      <ArticleSettings
        value={e.settings}
        onChange={(p) => void e.patch(p)}
        errors={e.settingsErrors}
        article={article}
        onVerify={() => void e.verify()}
        onDelete={() => void e.remove()}
        busy={e.busy}
      />
      {article && !readOnly && <LocaleBar primary={primary} secondary={secondary} existing={existing} onSecondary={switchSecondary} />}
      <div className={`kb-columns ${secondary ? "two" : "one"}`}>
        <TranslationPane
          key={article ? primary : "new"}
          locale={primary}
          translation={tr(primary)}
          readOnly={readOnly}
          initial={{ title: e.initialTitle }}
          testId="pane-primary"
          heading={
            article && existing.length < 2 ? (
              <h2>
                {localeName(primary)} <span className="muted small">{primary}</span>
              </h2>
            ) : (
              <label className="kb-inline-label">
                <span className="visually-hidden">{article ? "Language to edit" : "Language of the article"}</span>
                <select value={primary} onChange={(ev) => switchPrimary(ev.target.value)} data-testid="primary-locale">
                  {(article ? existing : newLocales).map((l) => (
                    <option key={l} value={l}>
                      {localeName(l)} ({l})
                    </option>
                  ))}
                </select>
              </label>
            )
          }
          onSave={(f, st) => e.saveTranslation(primary, f, st)}
          onDirty={e.onDirty}
          onHistory={article ? () => setHistory(primary) : undefined}
        />
        {article && secondary && (
          <TranslationPane
            key={secondary}
            locale={secondary}
            translation={tr(secondary)}
            readOnly={readOnly}
            testId="pane-secondary"
            heading={
              <h2>
                {localeName(secondary)} <span className="muted small">{secondary}</span>
              </h2>
            }
            onSave={(f, st) => e.saveTranslation(secondary, f, st)}
            onDirty={e.onDirty}
            onHistory={tr(secondary) ? () => setHistory(secondary) : undefined}
            onClose={() => switchSecondary(null)}
          />
        )}
      </div>
      {article && history && (
        <VersionHistory
          articleId={article.id}
          locale={history}
          current={tr(history)?.version ?? 0}
          confirmDiscard={() => e.confirmDiscard(history)}
          onRestored={(a, v) => {
            e.restored(a, history, v);
            setHistory(null);
          }}
          onClose={() => setHistory(null)}
        />
      )}
    </main>
  );
}
