import type { Channel } from "../../shared/schemas";
import { apiChannel } from "./api";
import { chatChannel } from "./chat";
import { emailChannel } from "./email";
import type { ChannelAdapter } from "./types";

/** Every channel Rapport can run, one line each. */
const adapters: ChannelAdapter[] = [apiChannel, emailChannel, chatChannel];

const byKind = new Map(adapters.map((a) => [a.kind, a]));

export function channelAdapter(kind: Channel): ChannelAdapter | undefined {
  return byKind.get(kind);
}
