import type { Tx } from "../db/client";
import { events } from "../db/schema";
import type { EventActor } from "../actor";

export type DomainEvent = {
  accountId: string;
  type: string;
  conversationId?: string | null;
  actor: EventActor;
  data?: Record<string, unknown>;
};

/** Writes a domain event in the caller's transaction: it exists exactly when the change does. */
export async function recordEvent(tx: Tx, e: DomainEvent): Promise<void> {
  await tx.insert(events).values({
    accountId: e.accountId,
    type: e.type,
    conversationId: e.conversationId ?? null,
    actorType: e.actor.type,
    actorId: e.actor.id,
    data: e.data ?? {},
  });
}
