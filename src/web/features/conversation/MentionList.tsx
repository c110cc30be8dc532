import type { User } from "../../../shared/schemas";
import { Avatar } from "../../components/Avatar";

/** The teammates matching an "@…"; the textarea keeps the focus and points here with aria-activedescendant. */
export function MentionList({ id, users, active, onPick }: { id: string; users: User[]; active: number; onPick: (u: User) => void }) {
  return (
    <div id={id} className="mentions" role="listbox" aria-label="Mention a teammate">
      {users.map((u, i) => (
        <div
          key={u.id}
          id={`${id}-${i}`}
          role="option"
          tabIndex={-1}
          aria-selected={i === active}
          className={i === active ? "active" : ""}
          onMouseDown={(e) => {
            // Keep the focus (and the caret) in the textarea.
            e.preventDefault();
            onPick(u);
          }}
        >
          <Avatar id={u.id} name={u.name} size={20} />
          <span>{u.name}</span>
          <span className="muted small">{u.email}</span>
        </div>
      ))}
    </div>
  );
}
