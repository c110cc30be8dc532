/** @jsxImportSource preact */
import { useEffect, useRef } from "preact/hooks";
import type { Controller } from "../controller";
import type { State } from "../store";
import { Icon } from "./icons";

/** Write, attach, send: Enter sends, Shift+Enter is a new line, the box grows with the text. */
export function Composer({ ctl, s }: { ctl: Controller; s: State }) {
  const t = ctl.t;
  const area = useRef<HTMLTextAreaElement>(null);
  const file = useRef<HTMLInputElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus when the panel opens or another conversation shows
  useEffect(() => {
    if (s.open) area.current?.focus();
  }, [s.open, s.current]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the box grows as the text changes
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 120)}px`;
  }, [s.draft]);
  const send = () => {
    ctl.send(s.draft);
    area.current?.focus();
  };
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {s.notice && (
        <p class="composer-notice" role="alert">
          {s.notice}
        </p>
      )}
      <div class="composer-row">
        <label class="visually-hidden" htmlFor="message">
          {t.write}
        </label>
        <textarea
          id="message"
          ref={area}
          rows={1}
          maxLength={4000}
          placeholder={t.write}
          value={s.draft}
          data-testid="widget-input"
          onInput={(e) => ctl.typing((e.currentTarget as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              send();
            }
          }}
        />
        {ctl.config.files.enabled && (
          <>
            <input
              ref={file}
              type="file"
              class="visually-hidden"
              tabIndex={-1}
              accept={ctl.config.files.types.join(",")}
              data-testid="widget-file"
              onChange={(e) => {
                const f = (e.currentTarget as HTMLInputElement).files?.[0];
                if (f) void ctl.upload(f);
                (e.currentTarget as HTMLInputElement).value = "";
              }}
            />
            <button
              type="button"
              class="icon-btn attach"
              aria-label={t.attach}
              disabled={s.uploading}
              onClick={() => file.current?.click()}
            >
              {s.uploading ? <span class="mini-spinner" /> : <Icon name="clip" />}
            </button>
          </>
        )}
        <button type="submit" class="send" aria-label={t.send} disabled={!s.draft.trim()} data-testid="widget-send">
          <Icon name="send" />
        </button>
      </div>
    </form>
  );
}
