import { iso } from "../../lib/time";
import type { Team } from "../../../shared/schemas";

export const presentTeam = (t: { id: string; name: string; memberIds: string[] | null; createdAt: Date | string }): Team => ({
  id: t.id,
  name: t.name,
  memberIds: t.memberIds ?? [],
  createdAt: iso(t.createdAt),
});
