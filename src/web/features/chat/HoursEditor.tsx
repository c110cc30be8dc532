import type { BusinessHours } from "../../../shared/schemas";

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const zones = (): string[] => {
  const i = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return i.supportedValuesOf?.("timeZone") ?? ["UTC"];
};

/** Weekly opening hours, one range a day (the API takes more), in the team's time zone. */
export function HoursEditor({ value, onChange }: { value: BusinessHours; onChange: (h: BusinessHours) => void }) {
  const rangeOf = (day: number) => value.ranges.find((r) => r.day === day);
  const setDay = (day: number, next: { from: string; to: string } | null) => {
    const others = value.ranges.filter((r) => r.day !== day);
    onChange({ ...value, ranges: next ? [...others, { day, ...next }].sort((a, b) => a.day - b.day) : others });
  };
  return (
    <fieldset data-testid="business-hours">
      <legend>Business hours</legend>
      <label className="check">
        <input type="checkbox" checked={value.enabled} onChange={(e) => onChange({ ...value, enabled: e.target.checked })} /> Outside these
        hours the widget says the team is away and asks for an email
      </label>
      {value.enabled && (
        <>
          <div className="form-grid">
            <label htmlFor="hours-tz">Time zone</label>
            <input
              id="hours-tz"
              list="hours-tz-list"
              value={value.timeZone}
              onChange={(e) => onChange({ ...value, timeZone: e.target.value })}
            />
            <datalist id="hours-tz-list">
              {zones().map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </div>
          <table className="table hours-table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Open</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
              </tr>
            </thead>
            <tbody>
              {DAYS.map((name, i) => {
                const day = i + 1;
                const r = rangeOf(day);
                return (
                  <tr key={day}>
                    <th scope="row">{name}</th>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Open on ${name}`}
                        checked={!!r}
                        onChange={(e) => setDay(day, e.target.checked ? { from: "09:00", to: "17:00" } : null)}
                      />
                    </td>
                    <td>
                      <input
                        type="time"
                        aria-label={`${name} opens`}
                        disabled={!r}
                        value={r?.from ?? ""}
                        onChange={(e) => r && setDay(day, { from: e.target.value, to: r.to })}
                      />
                    </td>
                    <td>
                      <input
                        type="time"
                        aria-label={`${name} closes`}
                        disabled={!r}
                        value={r?.to ?? ""}
                        onChange={(e) => r && setDay(day, { from: r.from, to: e.target.value })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </fieldset>
  );
}
