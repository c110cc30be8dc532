import { iso } from "../../lib/time";
import type { Customer, CustomerSummary, Identity } from "../../../shared/schemas";

export type CustomerRow = {
  id: string;
  name: string | null;
  attributes: Record<string, unknown>;
  createdAt: Date | string;
  updatedAt: Date | string;
  identities: Identity[];
};

export function presentCustomer(c: CustomerRow): Customer {
  return {
    id: c.id,
    name: c.name,
    identities: c.identities,
    attributes: c.attributes,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  };
}

export function presentCustomerSummary(c: { id: string; name: string | null; email: string | null; phone: string | null }): CustomerSummary {
  return { id: c.id, name: c.name, email: c.email, phone: c.phone };
}
