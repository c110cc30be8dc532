import { useCallback, useEffect, useState } from "react";
import type { Me } from "../../shared/schemas";
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from "../api/client";
import { AcceptInvite } from "../features/auth/AcceptInvite";
import { Setup } from "../features/auth/Setup";
import { SignIn } from "../features/auth/SignIn";
import { Workspace } from "../features/inbox/Workspace";
import { KnowledgeArea } from "../features/knowledge/KnowledgeArea";
import { InboxSettings } from "../features/settings/InboxSettings";
import { usePath } from "./router";

type State = { kind: "loading" } | { kind: "error"; message: string } | { kind: "setup" } | { kind: "signin" } | { kind: "ready"; me: Me };

export function App() {
  const path = usePath();
  const [state, setState] = useState<State>({ kind: "loading" });

  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setState({ kind: "ready", me });
  }, []);

  const load = useCallback(async () => {
    setState({ kind: "loading" });
    try {
      const setup = await api.setup();
      if (setup.needsSetup) return setState({ kind: "setup" });
      signedIn(await api.me());
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return setState({ kind: "signin" });
      setState({ kind: "error", message: err instanceof Error ? err.message : String(err) });
    }
  }, [signedIn]);

  useEffect(() => {
    setUnauthorizedHandler(() => setState({ kind: "signin" }));
    void load();
  }, [load]);

  const invite = /^\/invite\/([\w-]+)$/.exec(path);
  if (invite) return <AcceptInvite token={invite[1]} onDone={signedIn} />;

  switch (state.kind) {
    case "loading":
      return (
        <div className="center-screen" aria-busy="true">
          <div className="spinner" role="status" aria-label="Loading Rapport" />
        </div>
      );
    case "error":
      return (
        <div className="center-screen">
          <div className="card" role="alert">
            <h1>Rapport is unreachable</h1>
            <p>{state.message}</p>
            <button type="button" className="btn primary" onClick={() => void load()}>
              Try again
            </button>
          </div>
        </div>
      );
    case "setup":
      return <Setup onDone={signedIn} />;
    case "signin":
      return <SignIn onDone={signedIn} />;
    case "ready":
      if (path === "/settings/inboxes") return <InboxSettings me={state.me} />;
      if (path === "/knowledge" || path.startsWith("/knowledge/"))
        return (
          <KnowledgeArea
            me={state.me}
            onSignOut={async () => {
              await api.logout().catch(() => {});
              setCsrfToken(null);
              setState({ kind: "signin" });
            }}
          />
        );
      return (
        <Workspace
          me={state.me}
          onSignOut={async () => {
            await api.logout().catch(() => {});
            setCsrfToken(null);
            setState({ kind: "signin" });
          }}
        />
      );
  }
}
