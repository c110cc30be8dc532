import { decodeBasicEntities } from "../../lib/sanitize";

/**
 * An article's Markdown as answerable passages of plain text: each paragraph, list or table under its
 * heading. A passage is what an answer quotes, so it carries no Markdown or HTML markup.
 */
export type Passage = { heading: string | null; text: string };

const MAX_PASSAGE = 1200;

/** Inline Markdown and HTML → plain text: links keep their words, images and tags go, emphasis marks go. */
export function inlineText(line: string): string {
  const plain = line
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]*>/g, "")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,:;!?]|$)/g, "$1$2")
    .replace(/`([^`]*)`/g, "$1");
  return decodeBasicEntities(plain)
    .replace(/[ \t]+/g, " ")
    .trim();
}

function tableText(lines: string[]): string {
  const rows = lines
    .map((l) =>
      l
        .trim()
        .replace(/^\||\|$/g, "")
        .split("|")
        .map((c) => inlineText(c)),
    )
    .filter((cells) => !cells.every((c) => /^:?-{2,}:?$/.test(c) || c === ""));
  const [head, ...body] = rows;
  if (!body.length) return (head ?? []).join(" — ");
  // "Denmark: 1–2 working days, €4.95, free over €49" reads well on its own; the header row only names columns.
  return body.map((cells) => `${cells[0]}: ${cells.slice(1).join(", ")}`).join("\n");
}

/** A block's lines as text: runs of table rows become "first cell: other cells" lines. */
function blockText(lines: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (lines[i].trim().startsWith("|")) {
      const start = i;
      while (i < lines.length && lines[i].trim().startsWith("|")) i++;
      out.push(tableText(lines.slice(start, i)));
      continue;
    }
    const text = inlineText(
      lines[i]
        .replace(/^\s*>\s?/, "")
        .replace(/^\s*[-*+]\s+/, "")
        .replace(/^\s*```.*$/, ""),
    );
    if (text) out.push(text);
    i++;
  }
  return out.filter(Boolean).join("\n");
}

export function splitPassages(markdown: string): Passage[] {
  const out: Passage[] = [];
  let heading: string | null = null;
  let block: string[] = [];
  const flush = () => {
    if (!block.length) return;
    const text = blockText(block);
    block = [];
    if (!text) return;
    out.push({ heading, text: text.length > MAX_PASSAGE ? `${text.slice(0, MAX_PASSAGE).replace(/\s+\S*$/, "")}…` : text });
  };
  for (const raw of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const h = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(raw);
    if (h) {
      flush();
      heading = inlineText(h[1]) || null;
      continue;
    }
    if (!raw.trim() || /^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/.test(raw)) {
      flush();
      continue;
    }
    block.push(raw);
  }
  flush();
  return out;
}
