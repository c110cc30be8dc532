import type { Channel } from "../../shared/schemas";
import { CHANNEL_LABEL } from "./format";
import { Icon } from "./Icon";

/** The channel a conversation came in on: an icon and its name (the name is what screen readers hear). */
export function ChannelBadge({ channel }: { channel: Channel }) {
  return (
    <span className={`chip channel channel-${channel}`}>
      <Icon name={channel} size={12} />
      {CHANNEL_LABEL[channel]}
    </span>
  );
}
