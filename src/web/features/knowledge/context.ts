import { createContext, useCallback, useContext, useEffect, useState } from "react";
import type { Category, HelpCenter, Me, User } from "../../../shared/schemas";
import { api } from "../../api/client";
import { knowledgeApi } from "../../api/knowledge";

export type KbData = {
  me: Me;
  users: User[];
  categories: Category[];
  helpCenter: HelpCenter | null;
  /** The languages worth offering: the help center's, then any an article already has. */
  locales: string[];
  reloadCategories: () => void;
  setHelpCenter: (h: HelpCenter) => void;
};

export const KbContext = createContext<KbData | null>(null);

export function useKb(): KbData {
  const v = useContext(KbContext);
  if (!v) throw new Error("useKb outside the knowledge area");
  return v;
}

/** What every knowledge page needs once: teammates (owners), categories, the help center's languages. */
export function useKbData(me: Me): KbData {
  const [users, setUsers] = useState<User[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [helpCenter, setHelpCenter] = useState<HelpCenter | null>(null);
  const reloadCategories = useCallback(() => {
    knowledgeApi.categories().then(
      (r) => setCategories(r.items),
      () => {},
    );
  }, []);
  useEffect(() => {
    api.users().then(
      (r) => setUsers(r.items),
      () => {},
    );
    knowledgeApi.helpCenter().then(setHelpCenter, () => {});
    reloadCategories();
  }, [reloadCategories]);
  const locales = helpCenter?.locales.length ? helpCenter.locales : [me.account.defaultLanguage || "en"];
  return { me, users, categories, helpCenter, locales, reloadCategories, setHelpCenter };
}

export function categoryName(c: Category, locale?: string): string {
  return (locale && c.names[locale]?.name) || c.names.en?.name || Object.values(c.names)[0]?.name || c.slug;
}
