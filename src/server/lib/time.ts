/** Raw queries return timestamptz as Postgres text ("2026-11-23 01:12:50.589123+00"); presenters want ISO. */
export function toDate(v: Date | string): Date {
  if (v instanceof Date) return v;
  let s = v.replace(" ", "T");
  if (/[+-]\d{2}$/.test(s)) s += ":00";
  return new Date(s);
}

export function iso(v: Date | string): string;
export function iso(v: Date | string | null): string | null;
export function iso(v: Date | string | null): string | null {
  return v === null || v === undefined ? null : toDate(v).toISOString();
}
