import { badRequest } from "../../lib/errors";

export type IdentityKind = "email" | "phone" | "chat" | "external";

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/u;

/** One canonical form per identity so the same person is found again: lower-case email, E.164-like phone. */
export function normalizeIdentity(kind: IdentityKind, raw: string, field: string): string {
  const v = raw.trim();
  if (kind === "email") {
    const e = v.toLowerCase();
    if (e.length > 254 || !EMAIL.test(e)) throw badRequest(`${field}: must be an email address`, field);
    return e;
  }
  if (kind === "phone") {
    const plus = v.startsWith("+");
    if (!/^\+?[\d\s().-]+$/.test(v)) throw badRequest(`${field}: must be a phone number`, field);
    const digits = v.replace(/\D/g, "");
    if (digits.length < 6 || digits.length > 15) throw badRequest(`${field}: must be a phone number of 6 to 15 digits`, field);
    return plus ? `+${digits}` : digits;
  }
  if (v.length === 0 || v.length > 200) throw badRequest(`${field}: must be 1 to 200 characters`, field);
  return v;
}

/** Is this search text an identity (an email or a phone number)? */
export function identityFromQuery(q: string): { kind: IdentityKind; value: string } | null {
  const t = q.trim();
  if (EMAIL.test(t.toLowerCase())) return { kind: "email", value: t.toLowerCase() };
  if (/^\+?[\d\s().-]{6,}$/.test(t)) {
    const digits = t.replace(/\D/g, "");
    // Short digit runs are more likely order numbers than phone numbers: those stay text searches.
    const phoneLike = t.startsWith("+") ? digits.length >= 6 : digits.length >= 8;
    if (phoneLike && digits.length <= 15) return { kind: "phone", value: t.startsWith("+") ? `+${digits}` : digits };
  }
  return null;
}
