import type { BusinessHours } from "../../../shared/schemas";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The weekday (1 Monday … 7 Sunday) and minute of the day at `now` in a time zone. */
function localClock(timeZone: string, now: Date): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return { day: WEEKDAYS.indexOf(get("weekday")) + 1, minute: Number(get("hour")) * 60 + Number(get("minute")) };
}

/**
 * Whether the team works now, and if not, when it starts again. Ranges are weekly, in the inbox's time
 * zone; the next opening is found by walking the coming week (a DST change shifts it by an hour at most).
 */
export function hoursState(h: BusinessHours, now = new Date()): { withinHours: boolean; nextOpenAt: Date | null } {
  if (!h.enabled) return { withinHours: true, nextOpenAt: null };
  const { day, minute } = localClock(h.timeZone, now);
  const open = h.ranges.some((r) => r.day === day && minutes(r.from) <= minute && minute < minutes(r.to));
  if (open) return { withinHours: true, nextOpenAt: null };
  let best: number | null = null;
  for (let ahead = 0; ahead <= 7; ahead++) {
    const d = ((day - 1 + ahead) % 7) + 1;
    for (const r of h.ranges) {
      if (r.day !== d) continue;
      const inMinutes = ahead * 1440 + minutes(r.from) - minute;
      if (inMinutes > 0 && (best === null || inMinutes < best)) best = inMinutes;
    }
    if (best !== null) break;
  }
  return { withinHours: false, nextOpenAt: best === null ? null : new Date(now.getTime() + best * 60_000 - (now.getTime() % 60_000)) };
}
