import { useEffect, useState } from "react";
import { type Capabilities, languageApi } from "../../api/language";

/** What this server's language features can do; asked once per page load and shared by every component. */
let cached: Promise<Capabilities> | null = null;
const NONE: Capabilities = { llm: false, translation: false, drafting: false, languages: [] };

export function loadCapabilities(): Promise<Capabilities> {
  if (!cached)
    cached = languageApi.capabilities().catch(() => {
      // An older or half-deployed server: everything that needs a model reads as unavailable; ask again later.
      cached = null;
      return NONE;
    });
  return cached;
}

/** null while loading. */
export function useCapabilities(): Capabilities | null {
  const [caps, setCaps] = useState<Capabilities | null>(null);
  useEffect(() => {
    let live = true;
    void loadCapabilities().then((c) => live && setCaps(c));
    return () => {
      live = false;
    };
  }, []);
  return caps;
}

export const TRANSLATION_UNAVAILABLE = "Translation unavailable — no language model configured";
