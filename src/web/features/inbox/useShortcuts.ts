import { useEffect, useRef } from "react";

export type ShortcutActions = {
  move: (delta: number) => void;
  search: () => void;
  help: () => void;
  compose: (kind: "reply" | "note") => void;
  resolve: () => void;
  assign: () => void;
  back: () => void;
};

/** Whether a key press is the agent writing something, which single-letter shortcuts must not steal. */
export const isEditing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);

/** The workspace's single-key shortcuts (listed in ShortcutsDialog). Off while a dialog is open. */
export function useShortcuts(actions: ShortcutActions, enabled: boolean) {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return;
      if (isEditing(e.target)) return;
      const a = ref.current;
      switch (e.key) {
        case "j":
          a.move(1);
          break;
        case "k":
          a.move(-1);
          break;
        case "/":
          a.search();
          break;
        case "?":
          a.help();
          break;
        case "r":
          a.compose("reply");
          break;
        case "n":
          a.compose("note");
          break;
        case "e":
          a.resolve();
          break;
        case "a":
          a.assign();
          break;
        case "Escape":
          a.back();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}
