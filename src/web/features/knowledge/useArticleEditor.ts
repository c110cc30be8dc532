import { useCallback, useEffect, useRef, useState } from "react";
import type { Article } from "../../../shared/schemas";
import { ApiError } from "../../api/client";
import { knowledgeApi } from "../../api/knowledge";
import { type SettingsValue, settingsOf } from "./ArticleSettings";
import { useKb } from "./context";
import { go, UNSAVED_PROMPT, useUnsavedGuard } from "./nav";
import type { Fields, SaveStatus } from "./TranslationPane";
import { type FieldErrors, fieldErrors, LOCALE_RE, localeName } from "./util";

const SETTINGS_FIELDS = new Set(["slug", "visibility", "categoryId", "ownerId", "verifyEveryDays", "verify"]);

/** The editor's state: the article, its settings, which languages are open, unsaved work, the live status line. */
export function useArticleEditor(id: string | null) {
  const kb = useKb();
  const defaultLocale = kb.helpCenter?.defaultLocale ?? kb.me.account.defaultLanguage ?? "en";
  // /knowledge/new?title=…&locale=… starts an article for a search that found nothing.
  const [initial] = useState(() => {
    const q = new URLSearchParams(location.search);
    return {
      title: id ? "" : (q.get("title") ?? "").slice(0, 200),
      locale: id ? null : LOCALE_RE.test(q.get("locale") ?? "") ? q.get("locale") : null,
    };
  });
  const [article, setArticle] = useState<Article | null>(null);
  const [loadError, setLoadError] = useState<{ status: number; message: string } | null>(null);
  const [settings, setSettings] = useState<SettingsValue>({
    slug: "",
    visibility: "public",
    categoryId: null,
    ownerId: kb.me.user.id,
    verifyEveryDays: 90,
  });
  const [settingsErrors, setSettingsErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [primary, setPrimary] = useState<string | null>(id ? null : (initial.locale ?? defaultLocale));
  const [secondary, setSecondary] = useState<string | null>(null);
  const dirty = useRef(new Map<string, boolean>());
  const [unsaved, setUnsaved] = useState(false);

  const isDirty = useCallback((locale?: string) => (locale ? !!dirty.current.get(locale) : [...dirty.current.values()].some(Boolean)), []);
  const onDirty = useCallback((locale: string, d: boolean) => {
    dirty.current.set(locale, d);
    setUnsaved([...dirty.current.values()].some(Boolean));
  }, []);
  useUnsavedGuard(useCallback(() => isDirty(), [isDirty]));
  const confirmDiscard = (locale?: string) => !isDirty(locale) || window.confirm(UNSAVED_PROMPT);

  const load = useCallback(async () => {
    if (!id) return;
    setLoadError(null);
    try {
      const a = await knowledgeApi.article(id);
      setArticle(a);
      setSettings(settingsOf(a));
    } catch (err) {
      setLoadError({ status: err instanceof ApiError ? err.status : 0, message: err instanceof Error ? err.message : String(err) });
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  // The language opened first: the help center's default when the article has it, else its first translation.
  useEffect(() => {
    if (!article || primary) return;
    const locales = article.translations.map((t) => t.locale);
    setPrimary(locales.includes(defaultLocale) ? defaultLocale : (locales[0] ?? defaultLocale));
  }, [article, primary, defaultLocale]);

  const took = (a: Article) => {
    setArticle(a);
    setSettings(settingsOf(a));
  };

  const splitErrors = (err: unknown): never => {
    const e = fieldErrors(err);
    const key = Object.keys(e.fields)[0];
    if (key && SETTINGS_FIELDS.has(key)) {
      setSettingsErrors(e.fields);
      throw new Error("Check the article settings: one of them was not accepted.");
    }
    throw err;
  };

  const saveTranslation = async (locale: string, f: Fields, st: SaveStatus) => {
    const body = { title: f.title, summary: f.summary.trim() ? f.summary : null, body: f.body };
    setStatus(st === "published" ? "Publishing…" : "Saving…");
    try {
      if (!article) {
        const s = settings;
        const a = await knowledgeApi.createArticle({
          locale,
          ...body,
          status: st ?? "draft",
          visibility: s.visibility,
          categoryId: s.categoryId,
          ownerId: s.ownerId,
          verifyEveryDays: s.verifyEveryDays,
          ...(s.slug.trim() ? { slug: s.slug.trim() } : {}),
        });
        dirty.current.clear();
        setUnsaved(false);
        go(`/knowledge/articles/${a.id}`, true);
        return;
      }
      const a = await knowledgeApi.saveTranslation(article.id, locale, { ...body, ...(st ? { status: st } : {}) });
      took(a);
      const t = a.translations.find((x) => x.locale === locale);
      const what = st === "published" ? "Published" : st === "draft" && t?.status === "draft" ? "Saved as draft" : "Saved";
      setStatus(`${what}: ${localeName(locale)}${t ? `, version ${t.version}` : ""}`);
    } catch (err) {
      setStatus("Not saved");
      splitErrors(err);
    }
  };

  const patch = async (p: Partial<SettingsValue>) => {
    setSettingsErrors({});
    setSettings((s) => ({ ...s, ...p }));
    if (!article) return;
    setBusy(true);
    setStatus("Saving settings…");
    try {
      took(await knowledgeApi.updateArticle(article.id, p));
      setStatus("Settings saved");
    } catch (err) {
      const e = fieldErrors(err);
      setSettingsErrors(Object.keys(e.fields).length ? e.fields : { visibility: e.message ?? "Not saved" });
      setSettings(settingsOf(article));
      setStatus("Settings not saved");
    } finally {
      setBusy(false);
    }
  };

  const verify = async () => {
    if (!article) return;
    setBusy(true);
    try {
      took(await knowledgeApi.updateArticle(article.id, { verify: true }));
      setStatus("Marked verified");
    } catch (err) {
      setStatus(err instanceof Error ? `Not verified: ${err.message}` : "Not verified");
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!article || !window.confirm("Delete this article in every language? This cannot be undone.")) return;
    setBusy(true);
    try {
      await knowledgeApi.deleteArticle(article.id);
      dirty.current.clear();
      go("/knowledge");
    } catch (err) {
      setStatus(err instanceof Error ? `Not deleted: ${err.message}` : "Not deleted");
      setBusy(false);
    }
  };

  const restored = (a: Article, locale: string, version: number) => {
    dirty.current.set(locale, false);
    took(a);
    const t = a.translations.find((x) => x.locale === locale);
    setStatus(`Restored version ${version}${t ? ` as version ${t.version}` : ""}`);
  };

  return {
    kb,
    initialTitle: initial.title,
    article,
    loadError,
    load,
    settings,
    settingsErrors,
    busy,
    status,
    unsaved,
    primary,
    setPrimary,
    secondary,
    setSecondary,
    onDirty,
    confirmDiscard,
    saveTranslation,
    patch,
    verify,
    remove,
    restored,
  };
}
