import { CUES } from "./cues";
import { type Extracted, extract } from "./features";
import { identifyLanguage, type LanguageGuess, SUPPORTED_LANGUAGES } from "./language-id";
import { argmax, type Features, type LinearModel, predict } from "./linear";
import { loadModel } from "./models";
import { cleanText } from "./normalize";
import { mentionsPerson, wordFeatures } from "./words";

export { identifyLanguage, SUPPORTED_LANGUAGES };

export type EmotionLabel = "anger" | "frustration" | "fear" | "sadness" | "joy" | "neutral"; // joy = joy/gratitude
export const EMOTION_LABELS: readonly EmotionLabel[] = ["anger", "frustration", "fear", "sadness", "joy", "neutral"];
export type Urgency = "low" | "normal" | "high";

export type TextAnalysis = {
  /** ISO 639-1 ("en", "da", "no" …) or null when it can't tell (too short, emoji only). */
  language: string | null;
  languageConfidence: number;
  emotion: { label: EmotionLabel; intensity: number; scores: Record<EmotionLabel, number> };
  wantsHuman: boolean;
  urgency: Urgency;
  /** agnostic: no models for this language, so only punctuation, capitals and emoji were read. */
  coverage: "full" | "agnostic";
  engine: "offline";
};

/** The trained weights (scripts/nlp/train.ts): full models per covered language, agnostic ones for the rest. */
export type EngineModels = {
  emotion: LinearModel;
  human: LinearModel;
  urgency: LinearModel;
  agnosticEmotion: LinearModel;
  agnosticUrgency: LinearModel;
  humanThreshold: number;
};

/** The wants-a-human word model (human-words.json): stems and stem pairs per language, and its threshold. */
export type HumanWordsModel = { model: LinearModel; threshold: number };

/** Below this identification confidence a caller's hint (conversation or customer language) wins. */
const HINT_WINS_BELOW = 0.6;

/** Only the language-independent features, for texts in languages we have no cue lists for. */
export function agnosticFeatures(features: Features): Features {
  const out: Features = new Map();
  for (const [k, v] of features)
    if (k.startsWith("sig:") || k.startsWith("emo:") || k.startsWith("len:") || k === "bias:text") out.set(k, v);
  return out;
}

function pickLanguage(text: string, hint: string | null | undefined): LanguageGuess {
  const guess = identifyLanguage(text);
  const h = typeof hint === "string" ? hint.trim().slice(0, 2).toLowerCase() : "";
  if (/^[a-z]{2}$/.test(h) && (guess.language === null || guess.confidence < HINT_WINS_BELOW)) {
    return { language: h, confidence: guess.language === h ? Math.max(guess.confidence, HINT_WINS_BELOW) : guess.confidence };
  }
  return guess;
}

function intensityOf(label: EmotionLabel, scores: number[], x: Extracted): number {
  const s = x.signals;
  if (label === "neutral") return round(Math.min(0.3, 0.1 + 0.3 * (1 - scores[EMOTION_LABELS.indexOf("neutral")])));
  const p = scores[EMOTION_LABELS.indexOf(label)];
  const boost =
    0.07 * Math.min(s.exclamations, 3) +
    (s.repeatedExclamation ? 0.05 : 0) +
    (s.shouting ? 0.15 : s.capsWords > 0 ? 0.05 : 0) +
    0.07 * Math.min(x.intensifiers, 2) +
    (x.profanity > 0 ? 0.15 : 0) +
    (s.elongated ? 0.05 : 0) +
    0.05 * Math.min(s.emojiAnger + s.emojiSad + s.emojiFear + s.emojiJoy, 2);
  return round(Math.min(1, 0.2 + 0.45 * p + boost));
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Language, emotion, wants-a-human and urgency of one customer message, offline. Never throws. */
export function analyzeText(input: string, opts: { languageHint?: string | null } = {}): TextAnalysis {
  try {
    return analyze(input, opts ?? {});
  } catch (err) {
    // The ingest path must never fail because of analysis; a broken model file is logged once, not thrown.
    if (!warned) console.error("analyzeText failed; returning a neutral analysis", err);
    warned = true;
    return structuredClone(NEUTRAL);
  }
}

let warned = false;
const NEUTRAL: TextAnalysis = {
  language: null,
  languageConfidence: 0,
  emotion: { label: "neutral", intensity: 0, scores: { anger: 0, frustration: 0, fear: 0, sadness: 0, joy: 0, neutral: 1 } },
  wantsHuman: false,
  urgency: "normal",
  coverage: "agnostic",
  engine: "offline",
};

function analyze(input: string, opts: { languageHint?: string | null }): TextAnalysis {
  const text = cleanText(input);
  const guess = pickLanguage(text, opts.languageHint);
  const covered = guess.language !== null && CUES[guess.language] !== undefined;
  const x = extract(text, covered ? guess.language : null);
  const models = loadModel<EngineModels>("engine.json");

  const agnostic = covered ? null : agnosticFeatures(x.features);
  // Nothing to read (no words we model, no punctuation, capitals or emoji): neutral, not the training prior.
  const empty = covered ? x.tokens.length === 0 : ![...agnostic!.keys()].some((k) => k.startsWith("sig:") || k.startsWith("emo:"));
  const emotionScores = empty
    ? EMOTION_LABELS.map((l) => (l === "neutral" ? 1 : 0))
    : predict(covered ? models.emotion : models.agnosticEmotion, agnostic ?? x.features);
  const label = EMOTION_LABELS[argmax(emotionScores)];
  const urgencyScores = empty ? [0, 1, 0] : predict(covered ? models.urgency : models.agnosticUrgency, agnostic ?? x.features);
  const urgencyModel = covered ? models.urgency : models.agnosticUrgency;
  // The rule (explicit phrase, contact verb near a person, "call me") is precise; the cue model and the word
  // model add the indirect cases and the phrasings no cue list has.
  const wantsHuman = covered && (x.humanRule || predict(models.human, x.features)[1] >= models.humanThreshold || wordsSayHuman(x, guess.language!));

  const scores = {} as Record<EmotionLabel, number>;
  EMOTION_LABELS.forEach((l, i) => {
    scores[l] = round(emotionScores[i]);
  });
  return {
    language: guess.language,
    languageConfidence: guess.confidence,
    emotion: { label, intensity: empty ? 0 : intensityOf(label, emotionScores, x), scores },
    wantsHuman,
    urgency: urgencyModel.classes[argmax(urgencyScores)] as Urgency,
    coverage: covered ? "full" : "agnostic",
    engine: "offline",
  };
}

function wordsSayHuman(x: Extracted, language: string): boolean {
  if (x.tokens.length === 0 || !mentionsPerson(x.features)) return false;
  const words = loadModel<HumanWordsModel>("human-words.json");
  return predict(words.model, wordFeatures(x.tokens, language))[1] >= words.threshold;
}
