import type { EmotionLabel } from "../../../shared/schemas";

// Mouths and brows drawn in a 16×16 box: no emoji font needed, and the same on every system.
const MOUTH: Record<EmotionLabel, string> = {
  anger: "M5 11.5q3-2 6 0",
  frustration: "M5 11h6",
  fear: "M6 10.5a2 1.6 0 1 0 4 0a2 1.6 0 1 0 -4 0",
  sadness: "M5 11.8q3-2.4 6 0",
  joy: "M4.8 9.6q3.2 3.4 6.4 0",
  neutral: "M5.5 10.8h5",
};
const BROWS: Partial<Record<EmotionLabel, string>> = {
  anger: "M4 4.6l3 1.4M12 4.6l-3 1.4",
  frustration: "M4 5.4l3 .6M12 5.4l-3 .6",
  fear: "M4.4 5.6l2.6-1.2M11.6 5.6l-2.6-1.2",
  sadness: "M4.4 5.4l2.6-.8M11.6 5.4l-2.6-.8",
};

/** A small face for an emotion; decorative (the label beside it carries the meaning). */
export function EmotionFace({ emotion, size = 14 }: { emotion: EmotionLabel; size?: number }) {
  return (
    <svg className={`face face-${emotion}`} width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="7.3" className="face-bg" />
      <circle cx="5.6" cy="7.2" r="0.95" className="face-ink" />
      <circle cx="10.4" cy="7.2" r="0.95" className="face-ink" />
      {BROWS[emotion] && <path d={BROWS[emotion]} className="face-line" />}
      <path d={MOUTH[emotion]} className={emotion === "fear" ? "face-ink" : "face-line"} />
    </svg>
  );
}
