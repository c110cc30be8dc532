import { colorFor, initials } from "./format";

export function Avatar({ id, name, size = 28, title }: { id: string; name: string | null; size?: number; title?: string }) {
  return (
    <span
      className="avatar"
      style={{ width: size, height: size, background: colorFor(id), fontSize: size * 0.4 }}
      title={title ?? name ?? undefined}
      aria-hidden="true"
    >
      {initials(name)}
    </span>
  );
}
