import { iso } from "../../lib/time";
import type { User } from "../../../shared/schemas";

export type UserRow = {
  id: string;
  name: string;
  email: string;
  role: "owner" | "admin" | "supervisor" | "agent";
  active: boolean;
  passwordHash: string | null;
  createdAt: Date | string;
  teamIds?: string[];
};

export function presentUser(u: UserRow): User {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    active: u.active,
    invited: u.passwordHash === null,
    teamIds: u.teamIds ?? [],
    createdAt: iso(u.createdAt),
  };
}
