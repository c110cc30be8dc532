import type { FastifyInstance } from "fastify";
import {
  ArticleSuggestions,
  Category,
  CategoryInput,
  CategoryList,
  HelpCenter,
  HelpCenterInput,
  IdParams,
  KnowledgeHealth,
  UpdateCategoryInput,
} from "../../../shared/schemas";
import type { ZodTypeProvider } from "../../http/zod";
import { forbidden, notFound } from "../../lib/errors";
import { policies } from "../../policies";
import { knowledgeHealth } from "./health";
import { ensureHelpCenter } from "./help-centers";
import { loadCustomDomains } from "./custom-domains";
import { presentCategory, presentHelpCenter } from "./present";
import { listCategories } from "./queries";
import { createCategory, deleteCategory, updateCategory } from "./save-category";
import { suggestArticles } from "./suggest-articles";
import { updateHelpCenter } from "./update-help-center";

const tags = ["knowledge"];

/** Categories, help-center settings, knowledge health and the conversation view's article suggestions. */
export async function knowledgeSettingsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;

  const category = async (accountId: string, id: string) => {
    const [row] = await listCategories(db, accountId, id);
    if (!row) throw notFound("Category");
    return presentCategory(row);
  };

  r.get(
    "/api/v1/article-categories",
    { schema: { tags, summary: "List article categories in order", response: { 200: CategoryList } } },
    async (req) => ({ items: (await listCategories(db, req.actor.accountId)).map(presentCategory) }),
  );

  r.post(
    "/api/v1/article-categories",
    { schema: { tags, summary: "Create a category", body: CategoryInput, response: { 201: Category } } },
    async (req, reply) => {
      if (!policies.manageCategories(req.actor)) throw forbidden("Only supervisors and up manage categories");
      const id = await app.ctx.write(req.actor, (tx) => createCategory({ tx, actor: req.actor, input: req.body }));
      reply.status(201);
      return category(req.actor.accountId, id);
    },
  );

  r.patch(
    "/api/v1/article-categories/:id",
    { schema: { tags, summary: "Change a category", params: IdParams, body: UpdateCategoryInput, response: { 200: Category } } },
    async (req) => {
      await category(req.actor.accountId, req.params.id);
      if (!policies.manageCategories(req.actor)) throw forbidden("Only supervisors and up manage categories");
      await app.ctx.write(req.actor, (tx) => updateCategory({ tx, actor: req.actor, categoryId: req.params.id, input: req.body }));
      return category(req.actor.accountId, req.params.id);
    },
  );

  r.delete(
    "/api/v1/article-categories/:id",
    { schema: { tags, summary: "Delete a category (its articles stay, uncategorised)", params: IdParams } },
    async (req, reply) => {
      await category(req.actor.accountId, req.params.id);
      if (!policies.manageCategories(req.actor)) throw forbidden("Only supervisors and up manage categories");
      await app.ctx.write(req.actor, (tx) => deleteCategory({ tx, actor: req.actor, categoryId: req.params.id }));
      return reply.status(204).send();
    },
  );

  r.get(
    "/api/v1/help-center",
    { schema: { tags, summary: "The account's public help center: address, languages, branding", response: { 200: HelpCenter } } },
    async (req) => presentHelpCenter(await ensureHelpCenter(db, req.actor.accountId), app.ctx.publicUrl(req)),
  );

  r.patch(
    "/api/v1/help-center",
    { schema: { tags, summary: "Change the help center's settings", body: HelpCenterInput, response: { 200: HelpCenter } } },
    async (req) => {
      if (!policies.manageHelpCenter(req.actor)) throw forbidden("Only admins and owners change the help center");
      const ownHost = app.ctx.config.publicUrl ? new URL(app.ctx.config.publicUrl).hostname : (req.hostname ?? null);
      await app.ctx.write(req.actor, (tx) => updateHelpCenter({ tx, actor: req.actor, input: req.body, ownHost }));
      await loadCustomDomains(app, db);
      return presentHelpCenter(await ensureHelpCenter(db, req.actor.accountId), app.ctx.publicUrl(req));
    },
  );

  r.get(
    "/api/v1/knowledge/health",
    { schema: { tags, summary: "Trust score, searches without results, helpfulness, deflection", response: { 200: KnowledgeHealth } } },
    async (req) => {
      if (!policies.readKnowledgeHealth(req.actor)) throw forbidden("Only supervisors and up see knowledge health");
      return knowledgeHealth(db, req.actor.accountId);
    },
  );

  r.get(
    "/api/v1/conversations/:id/article-suggestions",
    {
      schema: {
        tags,
        summary: "Articles for this conversation, by relevance (internal ones included, each marked verified or not)",
        params: IdParams,
        response: { 200: ArticleSuggestions },
      },
    },
    async (req) => ({ items: await suggestArticles(db, req.actor, req.params.id, app.ctx.publicUrl(req)) }),
  );
}
