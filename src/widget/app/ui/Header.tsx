/** @jsxImportSource preact */
import type { Availability } from "../../../shared/schemas";
import type { Controller } from "../controller";
import { fill } from "../i18n";
import type { State } from "../store";
import { Icon } from "./icons";

export function availabilityLine(a: Availability, t: Controller["t"], locale: string): { online: boolean; text: string } {
  if (!a.withinHours) {
    const when = a.nextOpenAt
      ? new Date(a.nextOpenAt).toLocaleString(locale, { weekday: "long", hour: "numeric", minute: "2-digit" })
      : null;
    return { online: false, text: when ? `${t.away} · ${fill(t.backAt, { when })}` : t.away };
  }
  if (!a.agentsOnline) return { online: false, text: t.noAgents };
  const n = a.repliesInMinutes;
  if (n === null) return { online: true, text: t.online };
  return { online: true, text: `${t.online} · ${n >= 90 ? fill(t.repliesInHours, { n: Math.round(n / 60) }) : fill(t.repliesIn, { n })}` };
}

/** The chat's top bar: who you're talking to, whether they're there, back and close. */
export function Header({ ctl, s }: { ctl: Controller; s: State }) {
  const t = ctl.t;
  const line = availabilityLine(s.availability, t, ctl.locale);
  const home = s.view === "home";
  return (
    <header class={`head ${home ? "tall" : ""}`}>
      <div class="head-row">
        {!home && (
          <button type="button" class="icon-btn" onClick={() => ctl.back()} aria-label={t.back} data-testid="widget-back">
            <Icon name="back" size={24} />
          </button>
        )}
        <div class="who">
          <h1 class="team">{ctl.config.name}</h1>
          <p class="status" data-testid="widget-availability">
            <span class={`dot ${line.online ? "on" : ""}`} aria-hidden="true" />
            {line.text}
          </p>
        </div>
        <button type="button" class="icon-btn" onClick={() => ctl.toLoader({ rapport: 1, type: "close" })} aria-label={t.close}>
          <Icon name="close" size={22} />
        </button>
      </div>
      {home && (
        <p class="greeting" data-testid="widget-greeting">
          {ctl.config.greeting[ctl.locale]?.trim() || t.greeting}
        </p>
      )}
    </header>
  );
}
