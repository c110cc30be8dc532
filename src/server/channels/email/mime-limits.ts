/**
 * Caps a mail's MIME structure before mailparser sees it. One linear pass over the raw bytes, without
 * recursion, follows the multipart boundaries (and inline message/rfc822 parts, as mailparser does) and
 * counts parts and nesting. Within the limits it returns null; past them it returns a copy without the
 * parts beyond the limits (whole subtrees cut at their delimiter lines), so what can be read still becomes
 * the conversation while the original .eml keeps everything.
 */

export type MimeLimits = { maxParts: number; maxDepth: number };
export type MimeCut = {
  raw: Buffer;
  /** Parts left out of `raw`, nested ones included. */
  droppedParts: number;
  /** Of those, the ones that carry a file name: how many, and the first few names. */
  droppedFiles: number;
  droppedNames: string[];
};

/** `shadows`: the index of an outer container with the same boundary, matched again once this one closes. */
type Container = { boundary: string; depth: number; dropped: boolean; shadows: number | undefined };
type Node = { depth: number; dropped: boolean; head: string };

const MAX_HEAD_KEPT = 64 * 1024;
const MAX_BOUNDARY_LINE = 1100;
const NAMES_KEPT = 10;

const headerValue = (head: string, name: string): string | null =>
  new RegExp(`^${name}:[ \\t]*(.*)$`, "im").exec(head)?.[1]?.trim() ?? null;
const param = (value: string, name: string): string | null => {
  const m = new RegExp(`;\\s*${name}\\*?\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i").exec(value);
  return m ? (m[1] ?? m[2]) : null;
};

const printable = (s: string) => [...s].filter((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127).join("");

export function limitMime(raw: Buffer, limits: MimeLimits): MimeCut | null {
  const stack: Container[] = [];
  const byBoundary = new Map<string, number>();
  const segments: [number, number][] = [];
  let segmentStart = 0;
  let copying = true;
  let kept = 1;
  let dropped = 0;
  let droppedFiles = 0;
  const droppedNames: string[] = [];
  let node: Node = { depth: 0, dropped: false, head: "" };
  let inHead = true;

  const popTo = (length: number) => {
    while (stack.length > length) {
      const c = stack.pop() as Container;
      if (c.shadows === undefined) byBoundary.delete(c.boundary);
      else byBoundary.set(c.boundary, c.shadows);
    }
  };
  // Output follows whether the part being read is kept: a switch cuts or resumes at a line start.
  const setCopying = (keep: boolean, at: number) => {
    if (keep === copying) return;
    if (keep) segmentStart = at;
    else segments.push([segmentStart, at]);
    copying = keep;
  };
  const startNode = (depth: number, parentDropped: boolean, at: number) => {
    const drop = parentDropped || depth > limits.maxDepth || kept >= limits.maxParts;
    if (drop) dropped++;
    else kept++;
    node = { depth, dropped: drop, head: "" };
    inHead = true;
    setCopying(!drop, at);
  };
  const endHead = (bodyAt: number) => {
    inHead = false;
    const head = node.head.replace(/\r?\n[ \t]+/g, " ");
    const type = headerValue(head, "Content-Type") ?? "";
    const mime = type.split(";")[0].trim().toLowerCase();
    if (node.dropped) {
      const disposition = headerValue(head, "Content-Disposition") ?? "";
      const name = param(disposition, "filename") ?? param(type, "name");
      if (name !== null || /^attachment/i.test(disposition)) {
        droppedFiles++;
        if (droppedNames.length < NAMES_KEPT) droppedNames.push(printable(name ?? "unnamed").slice(0, 100));
      }
    }
    const boundary = mime.startsWith("multipart/") ? param(type, "boundary") : null;
    if (boundary) {
      stack.push({ boundary, depth: node.depth, dropped: node.dropped, shadows: byBoundary.get(boundary) });
      byBoundary.set(boundary, stack.length - 1);
      return;
    }
    const encoding = (headerValue(head, "Content-Transfer-Encoding") ?? "").toLowerCase();
    const inline = /^inline/i.test(headerValue(head, "Content-Disposition") ?? "");
    // mailparser reads an inline, unencoded message/rfc822 part as a nested message: one level deeper.
    if (mime === "message/rfc822" && inline && ["", "7bit", "8bit", "binary"].includes(encoding)) {
      startNode(node.depth + 1, node.dropped, bodyAt);
    }
  };

  let pos = 0;
  while (pos < raw.length) {
    const nl = raw.indexOf(0x0a, pos);
    const end = nl === -1 ? raw.length : nl + 1;
    const len = end - pos;
    if (len <= MAX_BOUNDARY_LINE && raw[pos] === 0x2d && raw[pos + 1] === 0x2d && byBoundary.size) {
      const line = raw
        .toString("latin1", pos + 2, end)
        .replace(/[\r\n]+$/, "")
        .replace(/[ \t]+$/, "");
      let k = byBoundary.get(line);
      let closing = false;
      if (k === undefined && line.endsWith("--")) {
        k = byBoundary.get(line.slice(0, -2));
        closing = k !== undefined;
      }
      if (k !== undefined) {
        popTo(k + 1);
        const owner = stack[k];
        if (closing) {
          // The owner part's epilogue follows: output resumes with the delimiter when that part is kept.
          popTo(k);
          node = { depth: owner.depth, dropped: owner.dropped, head: "" };
          inHead = false;
          setCopying(!owner.dropped, pos);
        } else {
          startNode(owner.depth + 1, owner.dropped, pos);
        }
        pos = end;
        continue;
      }
    }
    if (inHead) {
      const blank = len <= 2 && /^\r?\n?$/.test(raw.toString("latin1", pos, end));
      if (blank) endHead(end);
      else if (node.head.length < MAX_HEAD_KEPT) node.head += raw.toString("latin1", pos, Math.min(end, pos + MAX_HEAD_KEPT));
    }
    pos = end;
  }
  if (!dropped) return null;
  if (copying) segments.push([segmentStart, raw.length]);
  return {
    raw: Buffer.concat(segments.map(([a, b]) => raw.subarray(a, b))),
    droppedParts: dropped,
    droppedFiles,
    droppedNames,
  };
}
