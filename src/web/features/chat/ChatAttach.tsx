import { useRef, useState } from "react";
import type { Message } from "../../../shared/schemas";
import { currentCsrfToken } from "../../api/client";

/** Chat replies can carry a file (an image, a PDF, a document): it goes to the visitor as a reply of its own. */
export function ChatAttach({ conversationId, onSent }: { conversationId: string; onSent: (m: Message) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/v1/conversations/${conversationId}/files?name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        headers: { "content-type": file.type || "application/octet-stream", "x-csrf-token": currentCsrfToken() ?? "" },
        body: file,
      });
      const data = await res.json().catch(() => null);
      if (!res.ok) throw new Error(data?.error?.message ?? `Upload failed (${res.status})`);
      onSent(data as Message);
    } catch (err) {
      setError(err instanceof Error ? err.message : "Upload failed");
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="chat-attach">
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        data-testid="chat-attach-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void upload(f);
          e.target.value = "";
        }}
      />
      <button type="button" className="btn" disabled={busy} onClick={() => input.current?.click()}>
        {busy ? "Sending file…" : "Attach file"}
      </button>
      {error && (
        <span className="form-error small" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
