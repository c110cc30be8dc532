/** @jsxImportSource preact */
import type { Controller } from "../controller";
import type { State } from "../store";
import { Icon } from "./icons";

/** A help-center article read inside the chat, with "this solved it" and the way to a person right there. */
export function ArticleView({ ctl, s }: { ctl: Controller; s: State }) {
  const t = ctl.t;
  const a = s.article;
  return (
    <div class="scroll article-view" data-testid="widget-article">
      {s.articleState === "loading" && <div class="spinner" role="status" aria-label="…" />}
      {s.articleState === "error" && (
        <p class="card notice" role="alert">
          {t.failed}
        </p>
      )}
      {a && (
        <article class="card article">
          <h2>{a.title}</h2>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the server when saved; the frame's CSP runs no other script */}
          <div class="article-body" dangerouslySetInnerHTML={{ __html: a.html }} />
          {a.url && (
            <a class="full-link" href={a.url} target="_blank" rel="noopener noreferrer">
              {t.openFull}
            </a>
          )}
        </article>
      )}
      <div class="article-actions">
        {s.articleState === "solved" ? (
          <p class="solved" role="status" data-testid="widget-solved">
            <Icon name="check" /> {t.thanks}
          </p>
        ) : (
          a && (
            <button type="button" class="secondary" onClick={() => ctl.solved()} data-testid="widget-solved-button">
              <Icon name="check" size={18} />
              {t.solved}
            </button>
          )
        )}
        <button type="button" class="talk" onClick={() => ctl.talkToPerson()} data-testid="widget-talk">
          <Icon name="person" size={18} />
          {t.talk}
        </button>
      </div>
    </div>
  );
}
