import { useCallback, useEffect, useState } from "react";
import type { Article, ArticleVersion } from "../../../shared/schemas";
import { knowledgeApi } from "../../api/knowledge";
import { Dialog } from "../../components/Dialog";
import { clockTime } from "../../components/format";
import { localeName } from "./util";

type Props = {
  articleId: string;
  locale: string;
  current: number;
  /** Unsaved text in this language would be replaced: the caller asks first. */
  confirmDiscard: () => boolean;
  onRestored: (a: Article, version: number) => void;
  onClose: () => void;
};

/** Every saved version of one translation; restoring one saves it again as the newest version. */
export function VersionHistory({ articleId, locale, current, confirmDiscard, onRestored, onClose }: Props) {
  const [items, setItems] = useState<ArticleVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const load = useCallback(() => {
    setError(null);
    knowledgeApi.versions(articleId, locale).then(
      (r) => setItems([...r.items].sort((a, b) => b.version - a.version)),
      (e) => setError(e instanceof Error ? e.message : "Could not load the history"),
    );
  }, [articleId, locale]);
  useEffect(load, [load]);

  const restore = async (v: ArticleVersion) => {
    if (!confirmDiscard()) return;
    setBusy(v.version);
    setError(null);
    try {
      onRestored(await knowledgeApi.restore(articleId, locale, v.version), v.version);
    } catch (e) {
      setError(e instanceof Error ? e.message : "Restoring failed");
      setBusy(null);
    }
  };

  return (
    <Dialog title={`History · ${localeName(locale)}`} onClose={onClose} wide testId="version-history">
      <p className="muted small">Restoring a version saves it again as a new version; nothing is lost.</p>
      {error && (
        <div role="alert" className="form-error">
          <p>{error}</p>
          <button type="button" className="btn" onClick={load}>
            Try again
          </button>
        </div>
      )}
      {!items && !error && <div className="spinner small" role="status" aria-label="Loading versions" />}
      {items && items.length === 0 && <p className="muted">No saved versions yet.</p>}
      {items && items.length > 0 && (
        <ol className="kb-versions" aria-label="Versions, newest first">
          {items.map((v) => (
            <li key={v.version} className="kb-version" data-testid="version-row" data-version={v.version}>
              <div className="kb-version-head">
                <strong>v{v.version}</strong>
                <span className="kb-version-title">{v.title}</span>
                <span className={`chip kb-status ${v.status}`}>{v.status === "published" ? "Published" : "Draft"}</span>
                {v.version === current && <span className="chip">Current</span>}
              </div>
              <p className="muted small">
                {v.author?.name ?? "Someone"} · {clockTime(v.createdAt)}
              </p>
              <details>
                <summary>Show text</summary>
                <pre className="kb-version-body">{v.summary ? `${v.summary}\n\n${v.body}` : v.body || "(empty)"}</pre>
              </details>
              {v.version !== current && (
                <button
                  type="button"
                  className="btn"
                  disabled={busy !== null}
                  onClick={() => void restore(v)}
                  data-testid="restore-version"
                  aria-label={`Restore version ${v.version}`}
                >
                  {busy === v.version ? "Restoring…" : "Restore"}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}
