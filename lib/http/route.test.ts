import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { setLogDestination } from "../log";
import { route } from "./route";

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
