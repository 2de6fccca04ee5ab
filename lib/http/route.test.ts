import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { setLogDestination } from "../log";
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

afterEach(() => setLogDestination());

// The hostile-input work makes bad input a 4xx; a real bug must still be a 500 problem with a request id.
describe("route() on an unexpected error", () => {
  it("answers a 500 problem quoting the request id, and logs the stack under the same id", async () => {
    const lines: string[] = [];
    setLogDestination(
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const handler = route(async () => {
      throw new TypeError("a real bug");
    });
    const response = await handler(new Request("http://localhost/api/x"), {});
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const body = await response.json();
    expect(body).toMatchObject({ status: 500, title: "Internal error" });
    expect(body.detail).toContain(requestId);
    expect(JSON.stringify(body)).not.toContain("a real bug");
    const line = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "unhandled error");
    expect(line).toMatchObject({ level: "error", requestId, path: "/api/x" });
    expect(line.error).toContain("a real bug");
  });
});

describe("route() on a response with immutable headers", () => {
  it("still adds the request id (Response.redirect made this a 500)", async () => {
    const handler = route(async () => Response.redirect("http://localhost/elsewhere", 302));
    const response = await handler(new Request("http://localhost/api/x"), {});
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("http://localhost/elsewhere");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("problem code", () => {
  it("is the error's kind, or its more precise reason when it has one", async () => {
    const { errorResponse } = await import("./problem");
    const plain = await errorResponse({ code: "not_found", message: "No such thing." }).json();
    expect(plain.code).toBe("not_found");
    const precise = await errorResponse({
      code: "forbidden",
      message: "Confirm your password first.",
      reason: "reauthentication_required",
    }).json();
    expect(precise).toMatchObject({ status: 403, code: "reauthentication_required" });
  });
});
