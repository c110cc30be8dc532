import type { Channel } from "../../shared/schemas";
import { apiChannel } from "./api";
import { emailChannel } from "./email";
import type { ChannelAdapter } from "./types";

/** Every channel Rapport can run, one line each. */
const adapters: ChannelAdapter[] = [apiChannel, emailChannel];

const byKind = new Map(adapters.map((a) => [a.kind, a]));

export function channelAdapter(kind: Channel): ChannelAdapter | undefined {
  return byKind.get(kind);
}
