import { type MouseEvent, type ReactNode, useEffect } from "react";
import { navigate } from "../../app/router";

// The open editor registers whether it holds unsaved changes; every in-app link in the knowledge area asks it.
let hasUnsaved: (() => boolean) | null = null;
export const UNSAVED_PROMPT = "You have unsaved changes. Leave without saving them?";

/** While mounted, leaving (links, reload, closing the tab) asks first when `dirty()` says there is unsaved work. */
export function useUnsavedGuard(dirty: () => boolean) {
  useEffect(() => {
    hasUnsaved = dirty;
    const onUnload = (e: BeforeUnloadEvent) => {
      if (!dirty()) return;
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", onUnload);
    return () => {
      if (hasUnsaved === dirty) hasUnsaved = null;
      window.removeEventListener("beforeunload", onUnload);
    };
  }, [dirty]);
}

export function go(path: string, replace = false): boolean {
  if (hasUnsaved?.() && !window.confirm(UNSAVED_PROMPT)) return false;
  navigate(path, replace);
  return true;
}

/** A real link (opens in a new tab with a modifier) that navigates in place on a plain click. */
export function Link(props: { to: string; className?: string; children: ReactNode; testId?: string; current?: boolean; label?: string }) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    go(props.to);
  };
  return (
    <a
      href={props.to}
      className={props.className}
      onClick={click}
      data-testid={props.testId}
      aria-current={props.current ? "page" : undefined}
      aria-label={props.label}
    >
      {props.children}
    </a>
  );
}
