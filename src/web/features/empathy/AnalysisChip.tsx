import type { Analysis, EmotionLabel } from "../../../shared/schemas";
import { EmotionFace } from "./EmotionFace";
import { describeAnalysis, EMOTION_WORD, intensityWord, languageName, pct } from "./words";

const ORDER: EmotionLabel[] = ["anger", "frustration", "fear", "sadness", "joy", "neutral"];

/**
 * What the engine read in one customer message: emotion and strength, "wants a person", urgency, language.
 * A disclosure (not a hover tooltip) holds the scores, so keyboard and touch users can read them too.
 */
export function AnalysisChip({ a }: { a: Analysis }) {
  const e = a.emotion;
  const strength = e.label === "neutral" ? null : intensityWord(e.intensity);
  const summary = describeAnalysis(a);
  return (
    <details className="emo" data-testid="analysis-chip" data-emotion={e.label} data-wants-human={a.wantsHuman ? "true" : "false"}>
      <summary aria-label={`Reading of this message: ${summary}. Show details`} title={summary}>
        <span className={`chip emo-chip emo-${e.label}${strength === "strong" ? " strong" : ""}`}>
          <EmotionFace emotion={e.label} />
          {EMOTION_WORD[e.label]}
          {strength && <span className="emo-strength"> · {strength}</span>}
        </span>
        {a.wantsHuman && <span className="chip emo-human">Wants a person</span>}
        {a.urgency === "high" && <span className="chip emo-urgent">Urgent</span>}
        {a.language && <span className="chip emo-lang">{a.language.toUpperCase()}</span>}
      </summary>
      <div className="emo-details" data-testid="analysis-details">
        <ul className="emo-scores" aria-label="Emotion scores">
          {ORDER.filter((k) => e.scores[k] !== undefined).map((k) => (
            <li key={k}>
              <span className="emo-score-label">{EMOTION_WORD[k]}</span>
              <span className="emo-score-bar" aria-hidden="true">
                <span className={`emo-${k}`} style={{ width: pct(e.scores[k] ?? 0) }} />
              </span>
              <span className="emo-score-value">{pct(e.scores[k] ?? 0)}</span>
            </li>
          ))}
        </ul>
        <p className="small">
          Strength {pct(e.intensity)} · urgency {a.urgency} · {languageName(a.language)}
          {a.language ? ` (${pct(a.languageConfidence)} sure)` : ""}
        </p>
        {a.coverage === "agnostic" && (
          <p className="small emo-agnostic">Language not fully supported: only punctuation, capitals and emoji were read.</p>
        )}
        <p className="muted small">Read by {a.engine === "llm" ? "the language model" : "Rapport's offline engine"}.</p>
      </div>
    </details>
  );
}

/** The AI answer agent's messages, set apart from people's. */
export function AssistantBadge() {
  return (
    <span className="chip ai-badge" data-testid="ai-badge">
      AI assistant
    </span>
  );
}
