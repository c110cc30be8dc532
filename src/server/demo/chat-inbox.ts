import { CreateChatInboxInput } from "../../shared/schemas";
import type { Actor } from "../actor";
import type { Db } from "../db/client";
import type { CryptoBox } from "../lib/crypto-box";
import { updateHelpCenter } from "../modules/knowledge/update-help-center";
import { createInbox } from "../modules/inboxes/save-inbox";

/** A website chat inbox whose widget the demo help center opens for "Talk to a person". */
export async function seedChatInbox(db: Db, opts: { owner: Actor; box: CryptoBox }): Promise<string> {
  return db.transaction(async (tx) => {
    const input = CreateChatInboxInput.parse({
      channel: "chat",
      name: "Website chat",
      chat: { greeting: { en: "Hi! Ask us anything, a person reads every message.", da: "Hej! Spørg os om hvad som helst." } },
    });
    const id = await createInbox({ tx, actor: opts.owner, box: opts.box, allowPrivateHosts: false, input });
    await updateHelpCenter({ tx, actor: opts.owner, ownHost: null, input: { chatInboxId: id } });
    return id;
  });
}
