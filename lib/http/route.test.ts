import { describe, expect, it } from "vitest";
import { route } from "./route";

const request = () => new Request("http://localhost/api/thing");

describe("route()", () => {
  it("answers an unexpected error with a bare 500 problem that quotes its X-Request-Id, and nothing of the error", async () => {
    const handler = route(async () => {
      throw new Error("select * from users where password_hash = 'secret-hash'");
    });
    const res = await handler(request(), {});
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({
      status: 500,
      title: "Internal error",
      detail: expect.stringContaining(id!),
    });
    expect(text).not.toMatch(/secret-hash|select|Error/);
  });

  it("gives every answer its own request id", async () => {
    const handler = route(async () => new Response(null, { status: 204 }));
    const [a, b] = [await handler(request(), {}), await handler(request(), {})];
    expect(a.headers.get("x-request-id")).toBeTruthy();
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
  });

  it("answers a database outage with a 503 problem of code unavailable and Retry-After", async () => {
    const handler = route(async () => {
      throw Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:5432"), { code: "ECONNREFUSED" });
    });
    const res = await handler(request(), {});
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const body = await res.json();
    expect(body).toMatchObject({ status: 503, type: expect.stringMatching(/\/unavailable$/) });
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|10\.0\.0\.1/);
  });
});
