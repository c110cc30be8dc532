import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Me, Team, User } from "../../../shared/schemas";
import { api } from "../../api/client";
import { Realtime } from "../../api/realtime";
import { navigate, usePath } from "../../app/router";
import { ShortcutsDialog } from "../../components/ShortcutsDialog";
import { ConversationPane, type PaneHandle } from "../conversation/ConversationPane";
import { RealtimeContext } from "../notifications/useRealtimePush";
import { ConversationList } from "./ConversationList";
import { Nav } from "./Nav";
import { type Sort, useInbox } from "./useInbox";
import { useShortcuts } from "./useShortcuts";
import { emptyText, type View, viewTitle } from "./views";

const NARROW = "(max-width: 900px)";

export function Workspace({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const path = usePath();
  const selectedId = /^\/conversations\/([0-9a-f-]{36})$/.exec(path)?.[1] ?? null;
  const [base, setBase] = useState<View>({ kind: "mine" });
  const [query, setQuery] = useState("");
  const view = useMemo<View>(() => (query ? { kind: "search", q: query } : base), [query, base]);
  const [sort, setSort] = useState<Sort>("newest");
  const [users, setUsers] = useState<User[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [connected, setConnected] = useState(true);
  const [help, setHelp] = useState(false);
  const realtime = useMemo(() => new Realtime(), []);
  const inbox = useInbox(view, sort, me.user.id);
  const searchRef = useRef<HTMLInputElement>(null);
  const pane = useRef<PaneHandle>(null);
  // Where the open conversation sat in the list: after it leaves the view (resolved), j/k go on from there.
  const lastIndex = useRef(0);

  useEffect(() => {
    api.users().then(
      (r) => setUsers(r.items),
      () => {},
    );
    api.teams().then(
      (r) => setTeams(r.items),
      () => {},
    );
  }, []);

  // Once the socket delivers pushes (first connect and every reconnect), whatever was missed is fetched again.
  const latest = useRef(inbox);
  latest.current = inbox;
  useEffect(() => {
    const offStatus = realtime.onStatus((up) => {
      setConnected(up);
      if (up) {
        void latest.current.reload();
        latest.current.refreshCounts();
      }
    });
    realtime.connect();
    return () => {
      offStatus();
      realtime.close();
    };
  }, [realtime]);

  useEffect(() => realtime.on(inbox.onPush), [realtime, inbox.onPush]);
  useEffect(() => realtime.view(selectedId), [realtime, selectedId]);

  const items = inbox.list.items;
  const title = viewTitle(view, teams);
  const found = items.findIndex((c) => c.id === selectedId);
  if (found >= 0) lastIndex.current = found;

  const open = useCallback((id: string | null) => navigate(id ? `/conversations/${id}` : "/"), []);

  const move = (delta: number) => {
    if (items.length === 0) return;
    let next: number;
    if (found >= 0) next = found + delta;
    else if (selectedId) next = delta > 0 ? lastIndex.current : lastIndex.current - 1;
    else next = 0;
    next = Math.min(items.length - 1, Math.max(0, next));
    open(items[next].id);
    document.querySelector(`[data-testid="conversation-row"][data-id="${items[next].id}"]`)?.scrollIntoView({ block: "nearest" });
  };

  useShortcuts(
    {
      move,
      search: () => searchRef.current?.focus(),
      help: () => setHelp(true),
      compose: (k) => pane.current?.compose(k),
      resolve: () => pane.current?.resolve(),
      assign: () => pane.current?.focusAssignee(),
      back: () => selectedId && window.matchMedia(NARROW).matches && open(null),
    },
    !help,
  );

  const chooseView = (v: View) => {
    setQuery("");
    setBase(v);
    if (window.matchMedia(NARROW).matches) open(null);
  };

  return (
    <RealtimeContext.Provider value={realtime}>
      <div className={`workspace ${selectedId ? "has-selection" : ""}`}>
        <Nav
          me={me}
          teams={teams}
          counts={inbox.counts}
          view={view}
          onView={chooseView}
          onSignOut={onSignOut}
          onOpenConversation={open}
          connected={connected}
        />
        <ConversationList
          title={title}
          empty={emptyText(view, title)}
          items={items}
          loading={inbox.list.loading}
          error={inbox.list.error}
          hasMore={Boolean(inbox.list.nextCursor)}
          selectedId={selectedId}
          sort={sort}
          onSort={setSort}
          onSelect={open}
          onMore={() => void inbox.loadMore()}
          onRetry={() => void inbox.reload()}
          search={query}
          onSearch={setQuery}
          searchRef={searchRef}
        />
        {selectedId ? (
          <ConversationPane
            ref={pane}
            key={selectedId}
            id={selectedId}
            me={me}
            users={users}
            teams={teams}
            realtime={realtime}
            onChanged={inbox.upsert}
            onOpen={open}
            onBack={() => open(null)}
          />
        ) : (
          <main className="pane pane-empty">
            <div className="empty">
              <p className="empty-title">Pick a conversation</p>
              <p className="muted">
                Use <kbd>j</kbd> and <kbd>k</kbd> to move through the list, or press <kbd>?</kbd> to see every shortcut.
              </p>
            </div>
          </main>
        )}
        {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
      </div>
    </RealtimeContext.Provider>
  );
}
