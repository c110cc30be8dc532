import { badRequest } from "./errors";

/** Opaque keyset cursor: the sort key of the last row seen (timestamps as Postgres text, full precision). */
export type Cursor = { t: string; id: string; p?: number };

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(?:[+-](\d{2})(?::?(\d{2}))?|Z)?$/;

/** Shape and range: a forged "2026-13-45 99:99:99" must be refused here, not fail in PostgreSQL (a 500). */
function isTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  const tzh = m[8] === undefined ? 0 : Number(m[8]);
  const tzm = m[9] === undefined ? 0 : Number(m[9]);
  return y >= 1 && days !== undefined && d >= 1 && d <= days && h <= 23 && mi <= 59 && sec <= 59 && tzh <= 15 && tzm <= 59;
}

export function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
    if (
      typeof c?.t === "string" &&
      isTimestamp(c.t) &&
      typeof c.id === "string" &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(c.id) &&
      // Priorities are 0 (low) … 3 (urgent); temperatures -1 (not analysed) … 100.
      (c.p === undefined || (Number.isInteger(c.p) && c.p >= -1 && c.p <= 100))
    ) {
      return c;
    }
  } catch {}
  throw badRequest("query.cursor: is not a cursor this API returned", "query.cursor");
}
