import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestAppWithTeam } from "../helpers/app";
import { kb } from "./helpers";

let t: Awaited<ReturnType<typeof startTestAppWithTeam>>;
beforeAll(async () => {
  t = await startTestAppWithTeam({ RAPPORT_HELP_RATE_LIMIT: "3" });
  await kb(t).helpCenter(t.a.admin);
});
afterAll(async () => t?.close());

it("rate-limits the public search per IP (RAPPORT_HELP_RATE_LIMIT), with a 429", async () => {
  const search = (ip: string) => t.app.inject({ method: "GET", url: "/api/v1/public/acme/search?q=password", remoteAddress: ip });
  for (let i = 0; i < 3; i++) expect((await search("203.0.113.7")).statusCode).toBe(200);
  const limited = await search("203.0.113.7");
  expect(limited.statusCode).toBe(429);
  expect(limited.json().error).toEqual({ code: "rate_limited", message: expect.stringMatching(/^Too many requests; try again in \d+ s$/) });
  // Another visitor is not affected.
  expect((await search("203.0.113.8")).statusCode).toBe(200);
});

it("rate-limits the contact form harder than search", async () => {
  const post = () => t.app.inject({ method: "POST", url: "/api/v1/public/acme/contact", remoteAddress: "203.0.113.9", payload: { email: "a@example.com", message: "Hi", token: "x.y" } });
  const codes: number[] = [];
  for (let i = 0; i < 11; i++) codes.push((await post()).statusCode);
  expect(codes.slice(0, 10).every((c) => c === 400)).toBe(true);
  expect(codes[10]).toBe(429);
  // A plain form post from a browser gets a page saying so.
  const form = await t.app.inject({
    method: "POST",
    url: "/api/v1/public/acme/contact",
    remoteAddress: "203.0.113.9",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: "email=a%40example.com&message=Hi&token=x.y",
  });
  expect(form.statusCode).toBe(429);
  expect(form.headers["content-type"]).toMatch(/^text\/html/);
  expect(form.body).toContain("try again in a minute");
});
