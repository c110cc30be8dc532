import { useState } from "react";
import { knowledgeApi } from "../../api/knowledge";
import { categoryName, useKb } from "./context";
import { fieldErrors } from "./util";

const NEW = "__new__";
const slugify = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120);

/** Pick a category, or name a new one right here (created in the help center's default language). */
export function CategoryPicker(props: { id: string; value: string | null; disabled: boolean; onChange: (id: string | null) => void }) {
  const { categories, reloadCategories, helpCenter } = useKb();
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    if (!name.trim()) return;
    setError(null);
    try {
      const locale = helpCenter?.defaultLocale ?? "en";
      const c = await knowledgeApi.createCategory({ slug: slugify(name) || "category", names: { [locale]: { name: name.trim() } } });
      reloadCategories();
      setAdding(false);
      setName("");
      props.onChange(c.id);
    } catch (err) {
      const e = fieldErrors(err);
      setError(e.message ?? Object.values(e.fields)[0]);
    }
  };
  if (adding)
    return (
      <div className="kb-inline-add">
        <input
          id={props.id}
          value={name}
          placeholder="New category name"
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void create();
            } else if (e.key === "Escape") setAdding(false);
          }}
        />
        <button type="button" className="btn" onClick={() => void create()}>
          Add
        </button>
        <button type="button" className="btn link" onClick={() => setAdding(false)}>
          Cancel
        </button>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  return (
    <select
      id={props.id}
      value={props.value ?? ""}
      disabled={props.disabled}
      onChange={(e) => (e.target.value === NEW ? setAdding(true) : props.onChange(e.target.value || null))}
    >
      <option value="">No category</option>
      {categories.map((c) => (
        <option key={c.id} value={c.id}>
          {categoryName(c)}
        </option>
      ))}
      <option value={NEW}>+ New category…</option>
    </select>
  );
}
