import type { LanguagePack } from "../types";
import { cs } from "./cs";
import { da } from "./da";
import { de } from "./de";
import { en } from "./en";
import { es } from "./es";
import { fi } from "./fi";
import { fr } from "./fr";
import { nl } from "./nl";
import { no } from "./no";
import { pl } from "./pl";
import { sk } from "./sk";
import { sv } from "./sv";

export const PACKS: Record<string, LanguagePack> = { en, da, pl, sk, cs, de, es, fr, sv, nl, no, fi };
export const GUIDANCE_LANGUAGES = Object.keys(PACKS);

/** The pack for a language or locale ("da-DK" → da, "nb"/"nn" → no); English when there is none. */
export function packFor(language: string | null | undefined): { pack: LanguagePack; fallback: boolean } {
  const base = (language ?? "").toLowerCase().split(/[-_]/)[0];
  const code = base === "nb" || base === "nn" ? "no" : base;
  const pack = PACKS[code];
  return pack ? { pack, fallback: false } : { pack: en, fallback: true };
}
