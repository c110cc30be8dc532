import type { TestApp } from "../helpers/app";
import type { TestUser } from "../factories";

export type Json = Record<string, any>;

/** Small wrappers over the knowledge API, as a given agent (bearer token). */
export function kb(t: TestApp) {
  const call = async (user: TestUser, method: string, url: string, payload?: unknown) => {
    const res = await t.as(user, { method: method as "GET", url, payload: payload as Json | undefined });
    return res;
  };
  return {
    call,
    create: async (user: TestUser, body: Json) => {
      const res = await call(user, "POST", "/api/v1/articles", body);
      if (res.statusCode !== 201) throw new Error(`create article: ${res.statusCode} ${res.body}`);
      return res.json() as Json;
    },
    save: async (user: TestUser, id: string, locale: string, body: Json) => {
      const res = await call(user, "PUT", `/api/v1/articles/${id}/translations/${locale}`, body);
      if (res.statusCode >= 300) throw new Error(`save translation: ${res.statusCode} ${res.body}`);
      return res.json() as Json;
    },
    helpCenter: async (user: TestUser, body?: Json) => {
      const res = body ? await call(user, "PATCH", "/api/v1/help-center", body) : await call(user, "GET", "/api/v1/help-center");
      if (res.statusCode !== 200) throw new Error(`help center: ${res.statusCode} ${res.body}`);
      return res.json() as Json;
    },
  };
}
