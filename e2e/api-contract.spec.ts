import http from "node:http";
import { expect, test } from "./api-test";
import { expectProblem } from "./helpers";
import { apiDocument } from "./openapi-validator";

// The API's document as the contract, at its edges: paths no route handles, paths that normalise away,
// requests too large for Node.js to parse, and a request the server accepts on purpose however it looks.

/** A request on a socket of its own, sent as written (no client-side normalisation or length limit). */
function raw(base: string, method: string, target: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path: target, agent: false }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"] ?? "", body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("a path no route handles answers the 404 problem document, whatever the method", async ({ request }) => {
  for (const [method, path] of [
    ["GET", "/api/nope"],
    ["POST", "/api/users/me/nothing-here"],
    ["DELETE", "/api/admin/nothing"],
    ["PUT", "/api"],
  ] as const) {
    const body = await expectProblem(await request.fetch(path, { method, maxRedirects: 0 }), 404);
    expect(body.code, `${method} ${path}`).toBe("not_found");
  }
});

test("a path whose dot segments would normalise it away is a 404 problem, not a redirect", async ({ baseURL }) => {
  for (const target of [
    "/api/users/%2E%2E",
    "/api/users/..",
    "/api/users/%2e",
    "/api/admin/users/%2E%2E/email-verification",
    "/api/%2E%2E/health",
  ]) {
    const res = await raw(baseURL!, "GET", target);
    expect(res.status, target).toBe(404);
    expect(res.type).toContain("application/problem+json");
    expect(JSON.parse(res.body)).toMatchObject({ status: 404, code: "not_found" });
  }
});

test("a path or query past Node.js's 16 KiB limit is a 431 problem, as documented", async ({ baseURL }) => {
  const doc = await apiDocument(baseURL!);
  for (const [target, operation] of [
    [`/api/users/${"a".repeat(20_000)}`, "/api/users/someone"],
    [`/api/health?q=${"a".repeat(20_000)}`, "/api/health"],
  ] as const) {
    const res = await raw(baseURL!, "GET", target);
    expect(res.status).toBe(431);
    expect(res.type).toContain("application/problem+json");
    expect(JSON.parse(res.body)).toMatchObject({ status: 431 });
    // Documented for the operation the client was calling.
    await doc.check({
      method: "GET",
      url: new URL(operation, baseURL).toString(),
      status: 431,
      contentType: res.type,
      body: async () => res.body,
    });
  }
});

test("POST /api/password-resets: what the server accepts on purpose, the document accepts too", async ({
  request,
  baseURL,
}) => {
  const doc = await apiDocument(baseURL!);
  for (const body of [{}, { email: -1 }, { email: ["a", 1] }, { email: `${"a".repeat(390)}@example.com` }]) {
    expect((await request.post("/api/password-resets", { data: body })).status(), JSON.stringify(body)).toBe(202);
    expect(doc.requestBodyProblems("post", "/api/password-resets", body), JSON.stringify(body)).toEqual([]);
  }
});
