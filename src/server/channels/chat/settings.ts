import crypto from "node:crypto";
import { type ChatSettings, type ChatSettingsPatch, DEFAULT_CHAT_SETTINGS } from "../../../shared/schemas";
import type { CryptoBox } from "../../lib/crypto-box";

/** A chat inbox's settings as stored: the identity secret sealed with the instance key (never in clear). */
export type ChatInboxSettings = ChatSettings & { identitySecret: string; secretRotatedAt: string | null };

const newSecret = () => crypto.randomBytes(32).toString("hex");

export function newChatSettings(box: CryptoBox, input: ChatSettings): ChatInboxSettings {
  return { ...DEFAULT_CHAT_SETTINGS, ...input, identitySecret: box.seal(newSecret()), secretRotatedAt: null };
}

export function mergeChatSettings(current: ChatInboxSettings, patch: ChatSettingsPatch): ChatInboxSettings {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return { ...current, ...defined };
}

export function rotateSecret(box: CryptoBox, current: ChatInboxSettings): ChatInboxSettings {
  return { ...current, identitySecret: box.seal(newSecret()), secretRotatedAt: new Date().toISOString() };
}

/** Stored settings read back with defaults for anything an older row lacks. */
export function chatSettingsOf(stored: Partial<ChatInboxSettings>): ChatInboxSettings {
  return { ...DEFAULT_CHAT_SETTINGS, identitySecret: "", secretRotatedAt: null, ...stored } as ChatInboxSettings;
}

export function publicChatSettings(s: ChatInboxSettings): ChatSettings {
  const { identitySecret: _secret, secretRotatedAt: _at, ...rest } = chatSettingsOf(s);
  return rest;
}

/** Does this Origin header name a site the inbox allows? Rapport's own pages (the frame, the help center) always may. */
export function originAllowed(s: Pick<ChatSettings, "allowedOrigins">, origin: string, ownOrigin: string): boolean {
  if (origin === ownOrigin) return true;
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  const o = `${u.protocol}//${u.host}`;
  return s.allowedOrigins.some((allowed) => {
    if (!allowed.includes("*.")) return allowed === o;
    const [scheme, host] = allowed.split("://*.");
    return u.protocol === `${scheme}:` && u.host.endsWith(`.${host}`);
  });
}

/** `frame-ancestors`: only the allowed sites (and Rapport itself) may show the chat frame. */
export function frameAncestors(s: Pick<ChatSettings, "allowedOrigins">): string {
  return ["'self'", ...s.allowedOrigins].join(" ");
}
