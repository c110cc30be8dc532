import { useEffect, useState } from "react";
import type { Conversation } from "../../../shared/schemas";
import { languageApi, type TemperaturePoint } from "../../api/language";
import { EmotionFace } from "./EmotionFace";
import { EMOTION_WORD, temperatureColor, temperatureLevel, temperatureWord } from "./words";

const W = 96;
const H = 22;

/** A stepped line of the temperature over the customer's messages (oldest left), drawn in a small SVG. */
function Sparkline({ points }: { points: TemperaturePoint[] }) {
  const n = points.length;
  const step = n > 1 ? W / (n - 1) : W;
  const y = (t: number) => H - 2 - (t / 100) * (H - 4);
  let d = "";
  points.forEach((p, i) => {
    const x = n > 1 ? i * step : 0;
    d += i === 0 ? `M${x} ${y(p.temperature)}` : `H${x}V${y(p.temperature)}`;
  });
  const last = points[n - 1];
  return (
    <svg className="temp-spark" width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
      <line x1="0" x2={W} y1={y(60)} y2={y(60)} className="temp-threshold" />
      <path d={d} fill="none" stroke={temperatureColor(last.temperature)} strokeWidth="2" strokeLinejoin="round" />
      <circle cx={n > 1 ? (n - 1) * step : W} cy={y(last.temperature)} r="2.5" fill={temperatureColor(last.temperature)} />
    </svg>
  );
}

function trendWords(points: TemperaturePoint[]): string {
  if (points.length < 2) return "";
  const first = points[0].temperature;
  const last = points[points.length - 1].temperature;
  if (last - first >= 10) return "getting hotter";
  if (first - last >= 10) return "calming down";
  return "steady";
}

/** The conversation's temperature now and over time, with the mood in words (for everyone, not only in colour). */
export function TemperatureBar({ conv }: { conv: Conversation }) {
  const [points, setPoints] = useState<TemperaturePoint[] | null>(null);
  const [failed, setFailed] = useState(false);
  // A newly analysed message changes the temperature: refetch then, not on every push.
  // biome-ignore lint/correctness/useExhaustiveDependencies: temperature and mood change when a message was read
  useEffect(() => {
    let live = true;
    languageApi.temperature(conv.id).then(
      (r) => {
        if (!live) return;
        setPoints(r.items);
        setFailed(false);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [conv.id, conv.temperature, conv.mood]);

  const t = conv.temperature ?? points?.[points.length - 1]?.temperature ?? null;
  if (t === null) {
    return (
      <p className="temp temp-none muted small" data-testid="temperature">
        Mood: not read yet
      </p>
    );
  }
  const mood = conv.mood ?? points?.[points.length - 1]?.emotion ?? "neutral";
  const trend = points ? trendWords(points) : "";
  const summary = `Temperature ${t} of 100: ${temperatureWord(t)}, ${EMOTION_WORD[mood].toLowerCase()}${trend ? `, ${trend}` : ""}${
    points && points.length > 1 ? ` over ${points.length} messages` : ""
  }`;
  return (
    <p className={`temp temp-${temperatureLevel(t)}`} data-testid="temperature" data-temperature={t} title={summary}>
      <span className="visually-hidden">{summary}</span>
      <span aria-hidden="true" className="temp-now">
        <EmotionFace emotion={mood} size={16} />
        <strong>{t}</strong>
        <span className="temp-word">{temperatureWord(t)}</span>
      </span>
      {points && points.length > 1 && <Sparkline points={points} />}
      {failed && !points && <span className="muted small"> (history unavailable)</span>}
    </p>
  );
}

/** The dot on a list row: colour for the eye, words for everyone else. */
export function TemperatureDot({ t }: { t: number | null }) {
  if (t === null) return null;
  const words = `Customer mood: ${temperatureWord(t)} (${t} of 100)`;
  return (
    <span
      className={`temp-dot temp-${temperatureLevel(t)}`}
      style={{ background: temperatureColor(t) }}
      title={words}
      data-testid="temperature-dot"
    >
      <span className="visually-hidden">{words}</span>
    </span>
  );
}
