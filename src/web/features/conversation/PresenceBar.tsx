import { Avatar } from "../../components/Avatar";
import type { Viewer } from "./useConversation";

const names = (vs: Viewer[]) => vs.map((v) => v.name).join(", ");

/** Collision detection: which teammates have this conversation open, and who is writing in it. */
export function PresenceBar({ viewers }: { viewers: Viewer[] }) {
  const typing = viewers.filter((v) => v.typing);
  return (
    <div className="presence" data-testid="presence" aria-live="polite">
      {viewers.length > 0 && (
        <>
          <span className="presence-avatars" aria-hidden="true">
            {viewers.map((v) => (
              <span key={v.userId} className={v.typing ? "typing" : ""}>
                <Avatar id={v.userId} name={v.name} size={22} />
              </span>
            ))}
          </span>
          <span>
            {names(viewers)} {viewers.length === 1 ? "is" : "are"} viewing
            {typing.length > 0 && (
              <strong>
                {" "}
                · {names(typing)} {typing.length === 1 ? "is" : "are"} typing…
              </strong>
            )}
          </span>
        </>
      )}
    </div>
  );
}
