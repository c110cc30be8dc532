import type { ArticleSummary } from "../../../shared/schemas";
import { relativeTime } from "../../components/format";
import { categoryName, useKb } from "./context";
import { Link } from "./nav";
import { VerificationBadge } from "./VerificationBadge";
import { localeName } from "./util";

/** One article: title, its languages with draft/published state, owner, category and verification. */
export function ArticleRow({ a }: { a: ArticleSummary }) {
  const { categories } = useKb();
  const category = categories.find((c) => c.id === a.categoryId);
  return (
    <Link to={`/knowledge/articles/${a.id}`} className="kb-row" testId="article-row">
      <span className="kb-row-main">
        <span className="kb-row-title">
          {a.title}
          {a.visibility === "internal" && <span className="chip kb-internal">Internal</span>}
        </span>
        <span className="kb-row-meta">
          {category && <span className="muted">{categoryName(category)}</span>}
          <span className="muted">
            Owner: <span data-testid="article-owner">{a.owner?.name ?? "nobody"}</span>
          </span>
          <span className="muted">Updated {relativeTime(a.updatedAt)}</span>
        </span>
      </span>
      <span className="kb-row-side">
        <span className="kb-locales">
          <span className="visually-hidden">Translations: </span>
          {a.locales.map((l) => (
            <span key={l.locale} className={`chip kb-locale ${l.status}`} title={`${localeName(l.locale)}: ${l.status}`}>
              <span className="kb-locale-code">{l.locale}</span>
              <span className="visually-hidden"> ({localeName(l.locale)})</span> {l.status === "published" ? "Published" : "Draft"}
            </span>
          ))}
        </span>
        <VerificationBadge v={a.verification} />
      </span>
    </Link>
  );
}
