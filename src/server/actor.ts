import type { Role } from "../shared/schemas";

/** Who is acting: a signed-in agent (cookie session) or an integration using that agent's API token. */
export type Actor = {
  accountId: string;
  userId: string;
  name: string;
  role: Role;
  via: "session" | "token";
  sessionId?: string;
  csrfToken?: string;
};

/** How a use-case attributes what it records. */
export type EventActor = { type: "user" | "customer" | "system" | "api"; id: string | null };

export const eventActorOf = (actor: Actor): EventActor => ({ type: "user", id: actor.userId });
