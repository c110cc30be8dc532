import { useMemo, useState } from "react";
import type { User } from "../../../shared/schemas";

export type MentionState = { query: string; start: number; index: number };

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** How well a teammate matches what follows "@": name start, then a later word's start, then email, then anywhere. */
function rank(u: User, q: string): number {
  const name = fold(u.name);
  if (!q) return 1;
  if (name.startsWith(q)) return 4;
  if (name.split(/\s+/).some((w) => w.startsWith(q))) return 3;
  if (fold(u.email).startsWith(q)) return 2;
  if (name.includes(q)) return 1;
  return 0;
}

/** The @-autocomplete of teammates: which "@query" the caret is in and who matches it. */
export function useMentions(users: User[], meId: string) {
  const [mention, setMention] = useState<MentionState | null>(null);
  const matches = useMemo(() => {
    if (!mention) return [];
    const q = fold(mention.query);
    return users
      .filter((u) => u.active && u.id !== meId)
      .map((u) => ({ u, r: rank(u, q) }))
      .filter((x) => x.r > 0)
      .sort((a, b) => b.r - a.r || a.u.name.localeCompare(b.u.name))
      .slice(0, 6)
      .map((x) => x.u);
  }, [mention, users, meId]);

  /** Call with the text before the caret after each edit. */
  const track = (beforeCaret: string) => {
    // Full names have spaces ("@ana co"), so the query may too; it ends when nobody matches any more.
    const m = /(^|\s)@([\p{L}\p{N}._-]+(?: [\p{L}\p{N}._-]*){0,3}|)$/u.exec(beforeCaret);
    const query = m?.[2] ?? "";
    setMention(m && query.length <= 40 ? { query, start: beforeCaret.length - query.length - 1, index: 0 } : null);
  };
  const moveSelection = (d: number) => {
    if (mention && matches.length) setMention({ ...mention, index: (mention.index + d + matches.length) % matches.length });
  };
  const open = Boolean(mention && matches.length > 0);
  return { mention, matches, open, track, moveSelection, close: () => setMention(null) };
}
