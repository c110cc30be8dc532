import { type ReactNode, useEffect, useRef } from "react";

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: focus moves into it, Tab stays inside, Escape or the close button closes it, and focus goes
 * back to whatever opened it.
 */
export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? box.current)?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        onClose.current();
        return;
      }
      if (e.key !== "Tab" || !box.current) return;
      const all = Array.from(box.current.querySelectorAll<HTMLElement>(FOCUSABLE));
      if (all.length === 0) return;
      const [head, tail] = [all[0], all[all.length - 1]];
      if (e.shiftKey && document.activeElement === head) {
        e.preventDefault();
        tail.focus();
      } else if (!e.shiftKey && document.activeElement === tail) {
        e.preventDefault();
        head.focus();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => {
      window.removeEventListener("keydown", onKey, true);
      opener?.focus?.();
    };
  }, []);
  return (
    <div className="overlay">
      <div
        ref={box}
        className={`dialog ${props.wide ? "wide" : ""}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby="dialog-title"
        tabIndex={-1}
        data-testid={props.testId}
      >
        <div className="dialog-head">
          <h2 id="dialog-title">{props.title}</h2>
          <button type="button" className="btn icon" onClick={props.onClose} aria-label="Close">
            ×
          </button>
        </div>
        {props.children}
      </div>
    </div>
  );
}
