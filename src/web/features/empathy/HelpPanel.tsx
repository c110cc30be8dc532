import type { ReactNode } from "react";
import type { Conversation } from "../../../shared/schemas";
import { DraftReply } from "./DraftReply";
import { FollowUps } from "./FollowUps";
import type { SummariesState } from "./useHandoffSummaries";
import { safeUrl } from "./words";
import type { GuidanceState } from "./useGuidance";

type Props = {
  conv: Conversation;
  guidance: GuidanceState;
  summaries: SummariesState;
  /** At the caret in the composer. */
  onInsert: (text: string) => void;
  /** At the start of the reply (acknowledgements, apologies). */
  onOpening: (text: string) => void;
};

function Step({ letter, title, children }: { letter: string; title: string; children: ReactNode }) {
  const id = `help-${letter.toLowerCase()}`;
  return (
    <section className="help-step" aria-labelledby={id} data-testid={id}>
      <h3 id={id}>
        <span className="help-letter" aria-hidden="true">
          {letter}
        </span>
        {title}
      </h3>
      {children}
    </section>
  );
}

function Line({ text, action, onClick, testId }: { text: string; action: string; onClick: () => void; testId?: string }) {
  return (
    <div className="help-line">
      <p>{text}</p>
      <button type="button" className="btn small-btn" onClick={onClick} aria-label={`${action}: ${text}`} data-testid={testId}>
        {action}
      </button>
    </div>
  );
}

/** HELP beside the composer: Hear, Empathize and apologize, Lead to a resolution, Provide responsible follow-up. */
export function HelpPanel({ conv, guidance, summaries, onInsert, onOpening }: Props) {
  const g = guidance.data;
  const customer = conv.customer.name ?? conv.customer.email ?? "the customer";
  return (
    <div className="help-panel" data-testid="help-panel" aria-busy={guidance.loading && !g}>
      <h2 className="visually-hidden">HELP: Hear, Empathize, Lead, Provide follow-up</h2>
      {guidance.error && (
        <div role="alert" className="small help-error">
          <p>{guidance.error}</p>
          <button type="button" className="btn" onClick={guidance.reload}>
            Try again
          </button>
        </div>
      )}
      {!g && !guidance.error && <div className="spinner small" role="status" aria-label="Loading guidance" />}
      {g && (
        <>
          {!g.messageId && <p className="muted small">The customer hasn't written yet: guidance follows their first message.</p>}
          <Step letter="H" title="Hear">
            {g.restatement ? (
              <Line text={g.restatement} action="Insert" onClick={() => onInsert(g.restatement ?? "")} testId="insert-restatement" />
            ) : (
              <p className="muted small">Nothing to restate yet.</p>
            )}
          </Step>
          <Step letter="E" title="Empathize and apologize">
            {g.acknowledgements.map((a) => (
              <Line key={a} text={a} action="Use" onClick={() => onOpening(a)} />
            ))}
            {g.apology && <Line text={g.apology} action="Use" onClick={() => onOpening(g.apology ?? "")} />}
            {g.acknowledgements.length === 0 && !g.apology && (
              <p className="muted small">No strong feeling to acknowledge in the last message.</p>
            )}
          </Step>
          <Step letter="L" title="Lead to a resolution">
            <Line text={g.leadQuestion} action="Insert" onClick={() => onInsert(g.leadQuestion)} />
            {g.articles.length === 0 ? (
              <p className="muted small">No article answers this yet.</p>
            ) : (
              <ul className="help-articles">
                {g.articles.map((c) => (
                  <li key={`${c.articleId}:${c.locale}`} data-testid="help-article">
                    <a href={safeUrl(c.url)} target="_blank" rel="noopener noreferrer" className="help-article-title">
                      {c.title}
                    </a>{" "}
                    <span className="chip">{c.locale}</span>
                    {c.passage && <blockquote>{c.passage}</blockquote>}
                    <span className="help-actions">
                      <button
                        type="button"
                        className="btn small-btn"
                        onClick={() => onInsert(c.url)}
                        aria-label={`Insert link to ${c.title}`}
                      >
                        Insert link
                      </button>
                      {c.passage && (
                        <button
                          type="button"
                          className="btn small-btn"
                          onClick={() => onInsert(c.passage)}
                          aria-label={`Insert text from ${c.title}`}
                        >
                          Insert text
                        </button>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <DraftReply conversationId={conv.id} onInsert={onInsert} />
          </Step>
          <p className="muted small help-engine">
            Suggestions by {g.engine === "llm" ? "the language model" : "Rapport's offline engine"}.
          </p>
        </>
      )}
      <Step letter="P" title="Provide follow-up">
        <FollowUps conversationId={conv.id} defaultTitle={`Follow up with ${customer}`} />
      </Step>
      <section className="help-step" aria-labelledby="help-handoff">
        <h3 id="help-handoff">Hand-off</h3>
        <p className="muted small">Passing this on? A summary saves the customer from telling the story again.</p>
        <button type="button" className="btn" data-testid="summarize" disabled={summaries.busy} onClick={() => void summaries.summarize()}>
          {summaries.busy ? "Summarizing…" : "Summarize for hand-off"}
        </button>
        {summaries.error && (
          <p className="form-error small" role="alert">
            {summaries.error}
          </p>
        )}
      </section>
    </div>
  );
}
