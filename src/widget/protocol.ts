/** Messages between the loader on the host page and the chat frame, through postMessage (origins checked both ways). */
export type IdentifyUser = { id: string; email?: string; name?: string };

export type ToFrame =
  | { rapport: 1; type: "open" }
  | { rapport: 1; type: "closed" }
  | { rapport: 1; type: "identify"; user: IdentifyUser; hmac?: string }
  | { rapport: 1; type: "reset" }
  | { rapport: 1; type: "context"; url: string; title: string; referrer: string };

export type ToLoader =
  | { rapport: 1; type: "ready" }
  | { rapport: 1; type: "close" }
  | { rapport: 1; type: "unread"; count: number }
  | { rapport: 1; type: "active"; active: boolean }
  | { rapport: 1; type: "error"; message: string };

export const isMessage = (d: unknown): d is { rapport: 1; type: string } =>
  typeof d === "object" && d !== null && (d as { rapport?: unknown }).rapport === 1 && typeof (d as { type?: unknown }).type === "string";
