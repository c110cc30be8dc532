import type { z } from "zod";
import type { Verification } from "../../../shared/schemas";

type V = z.infer<typeof Verification>;

const LABEL: Record<V["state"], string> = { verified: "Verified", due: "Verification due", unverified: "Unverified" };

function title(v: V): string {
  if (v.state === "unverified" && !v.verifiedAt) return "Never verified";
  const when = v.verifiedAt ? new Date(v.verifiedAt).toLocaleDateString(undefined, { dateStyle: "medium" }) : "";
  const by = v.verifiedBy ? ` by ${v.verifiedBy.name}` : "";
  const due = v.dueAt ? `; due ${new Date(v.dueAt).toLocaleDateString(undefined, { dateStyle: "medium" })}` : "";
  return `Verified ${when}${by}${due} (every ${v.everyDays} days)`;
}

/** Verified (green), due (amber: past its interval) or unverified (red: never or long ago). */
export function VerificationBadge({ v }: { v: V }) {
  return (
    <span className={`chip kb-verify ${v.state}`} title={title(v)} data-testid="verification-badge" data-state={v.state}>
      <svg width="12" height="12" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="currentColor">
        {v.state === "verified" ? (
          <path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4L9 16.2Z" />
        ) : (
          <path d="M12 2 1 21h22L12 2Zm1 15h-2v-2h2v2Zm0-4h-2V9h2v4Z" />
        )}
      </svg>
      {LABEL[v.state]}
    </span>
  );
}
