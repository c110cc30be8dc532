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
import type { LanguageCues } from "./types";

export type { LanguageCues } from "./types";

/** The languages with full coverage: cue lists here and trained weights in models/. */
export const CUES: Readonly<Record<string, LanguageCues>> = { en, da, pl, sk, cs, de, es, fr, sv, nl, no, fi };
