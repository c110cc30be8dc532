import type { Presence } from "../../shared/schemas";
import type { BusMessage } from "./bus";

type Entry = Extract<BusMessage, { kind: "presence" }>;

/**
 * Who views or types where, across nodes. Every node holds the same table, fed by the bus; entries
 * expire unless refreshed, so a node that dies takes its viewers with it within a minute.
 */
export class PresenceTable {
  private entries = new Map<string, Entry>();

  /** Applies an update; returns the conversations whose viewer list changed. */
  apply(e: Entry): string[] {
    const prev = this.entries.get(e.key);
    const changed = new Set<string>();
    if (prev?.conversationId && (prev.conversationId !== e.conversationId || prev.typing !== e.typing)) {
      changed.add(prev.conversationId);
    }
    if (e.conversationId && (!prev || prev.conversationId !== e.conversationId || prev.typing !== e.typing)) {
      changed.add(e.conversationId);
    }
    if (e.conversationId === null) this.entries.delete(e.key);
    else this.entries.set(e.key, e);
    return [...changed];
  }

  /** Drops expired entries; returns the affected [accountId, conversationId] pairs. */
  sweep(now = Date.now()): [string, string][] {
    const out: [string, string][] = [];
    for (const [k, e] of this.entries) {
      if (e.expiresAt <= now) {
        this.entries.delete(k);
        if (e.conversationId) out.push([e.accountId, e.conversationId]);
      }
    }
    return out;
  }

  viewers(accountId: string, conversationId: string): Presence {
    const byUser = new Map<string, { userId: string; name: string; typing: boolean }>();
    for (const e of this.entries.values()) {
      if (e.accountId !== accountId || e.conversationId !== conversationId) continue;
      const cur = byUser.get(e.userId);
      byUser.set(e.userId, { userId: e.userId, name: e.name, typing: (cur?.typing ?? false) || e.typing });
    }
    return { conversationId, viewers: [...byUser.values()] };
  }

  all(accountId: string): Presence[] {
    const convs = new Set<string>();
    for (const e of this.entries.values()) if (e.accountId === accountId && e.conversationId) convs.add(e.conversationId);
    return [...convs].map((c) => this.viewers(accountId, c));
  }
}
