import type { FastifyInstance, FastifyRequest } from "fastify";
import {
  Article,
  ArticleListQuery,
  ArticlePage,
  ArticleVersionList,
  CreateArticleInput,
  IdParams,
  LocaleParams,
  RestoreVersionInput,
  TranslationInput,
  UpdateArticleInput,
} from "../../../shared/schemas";
import type { ZodTypeProvider } from "../../http/zod";
import { forbidden, notFound } from "../../lib/errors";
import { policies } from "../../policies";
import { createArticle } from "./create-article";
import { deleteArticle } from "./delete-article";
import { deleteTranslation } from "./delete-translation";
import { ensureHelpCenter, helpCenterBase } from "./help-centers";
import { presentArticle, presentArticleSummary, presentVersion } from "./present";
import { getArticle, listArticles, listVersions } from "./queries";
import { restoreVersion } from "./restore-version";
import { saveTranslation } from "./save-translation";
import { updateArticle } from "./update-article";

const tags = ["knowledge"];

/** The knowledge base for agents: articles, their translations and history. */
export async function articleRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;

  const load = async (req: FastifyRequest, id: string) => {
    const [row, hc] = await Promise.all([getArticle(db, req.actor.accountId, id), ensureHelpCenter(db, req.actor.accountId)]);
    if (!row) throw notFound("Article");
    return presentArticle(row, req.actor, helpCenterBase(hc, app.ctx.publicUrl(req)));
  };
  /** 404 for another account's article, then 403 unless the actor may edit it. */
  const mayEdit = async (req: FastifyRequest, id: string) => {
    const row = await getArticle(db, req.actor.accountId, id);
    if (!row) throw notFound("Article");
    if (!policies.editArticle(req.actor, row.owner_id)) throw forbidden("Only the article's owner and supervisors can change it");
  };

  r.get(
    "/api/v1/articles",
    {
      schema: {
        tags,
        summary: "List articles (filters, cursor pages; newest edits first)",
        description: "Agents see every article, internal ones included. `verification=due` lists those past their verify-every interval.",
        querystring: ArticleListQuery,
        response: { 200: ArticlePage },
      },
    },
    async (req) => {
      const hc = await ensureHelpCenter(db, req.actor.accountId);
      const page = await listArticles(db, req.actor.accountId, req.query, hc.defaultLocale);
      return { items: page.items.map(presentArticleSummary), nextCursor: page.nextCursor };
    },
  );

  r.post(
    "/api/v1/articles",
    { schema: { tags, summary: "Create an article with its first translation", body: CreateArticleInput, response: { 201: Article } } },
    async (req, reply) => {
      const id = await app.ctx.write(req.actor, (tx) => createArticle({ tx, actor: req.actor, input: req.body }));
      reply.status(201);
      return load(req, id);
    },
  );

  r.get(
    "/api/v1/articles/:id",
    { schema: { tags, summary: "One article with every translation", params: IdParams, response: { 200: Article } } },
    async (req) => load(req, req.params.id),
  );

  r.patch(
    "/api/v1/articles/:id",
    {
      schema: {
        tags,
        summary: "Change an article's settings, or verify it ({verify: true})",
        params: IdParams,
        body: UpdateArticleInput,
        response: { 200: Article },
      },
    },
    async (req) => {
      await app.ctx.write(req.actor, (tx) => updateArticle({ tx, actor: req.actor, articleId: req.params.id, input: req.body }));
      return load(req, req.params.id);
    },
  );

  r.delete(
    "/api/v1/articles/:id",
    { schema: { tags, summary: "Delete an article with all its translations", params: IdParams } },
    async (req, reply) => {
      if (!(await getArticle(db, req.actor.accountId, req.params.id))) throw notFound("Article");
      if (!policies.deleteArticles(req.actor)) throw forbidden("Only supervisors and up delete articles");
      await app.ctx.write(req.actor, (tx) => deleteArticle({ tx, actor: req.actor, articleId: req.params.id }));
      return reply.status(204).send();
    },
  );

  r.put(
    "/api/v1/articles/:id/translations/:locale",
    {
      schema: {
        tags,
        summary: "Create or update one translation (status publishes or unpublishes it)",
        description: "Every save is a new version. Answers with the whole article.",
        params: LocaleParams,
        body: TranslationInput,
        response: { 200: Article, 201: Article },
      },
    },
    async (req, reply) => {
      await mayEdit(req, req.params.id);
      const out = await app.ctx.write(req.actor, (tx) =>
        saveTranslation({ tx, actor: req.actor, articleId: req.params.id, locale: req.params.locale, input: req.body }),
      );
      reply.status(out.created ? 201 : 200);
      return load(req, req.params.id);
    },
  );

  r.delete(
    "/api/v1/articles/:id/translations/:locale",
    { schema: { tags, summary: "Delete one translation (not the last one)", params: LocaleParams } },
    async (req, reply) => {
      await mayEdit(req, req.params.id);
      await app.ctx.write(req.actor, (tx) =>
        deleteTranslation({ tx, actor: req.actor, articleId: req.params.id, locale: req.params.locale }),
      );
      return reply.status(204).send();
    },
  );

  r.get(
    "/api/v1/articles/:id/translations/:locale/versions",
    {
      schema: {
        tags,
        summary: "A translation's saved versions, newest first",
        params: LocaleParams,
        response: { 200: ArticleVersionList },
      },
    },
    async (req) => {
      if (!(await getArticle(db, req.actor.accountId, req.params.id))) throw notFound("Article");
      const rows = await listVersions(db, req.actor.accountId, req.params.id, req.params.locale);
      if (!rows.length) throw notFound("Translation");
      return { items: rows.map(presentVersion) };
    },
  );

  r.post(
    "/api/v1/articles/:id/translations/:locale/restore",
    {
      schema: {
        tags,
        summary: "Restore an earlier version as a new version",
        params: LocaleParams,
        body: RestoreVersionInput,
        response: { 200: Article },
      },
    },
    async (req) => {
      await mayEdit(req, req.params.id);
      const { id, locale } = req.params;
      await app.ctx.write(req.actor, (tx) => restoreVersion({ tx, actor: req.actor, articleId: id, locale, version: req.body.version }));
      return load(req, id);
    },
  );
}
