import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, readJsonBody } from "./body";

const post = (body: BodyInit | null, type = "application/json") =>
  new Request("http://x/api", { method: "POST", body, headers: type ? { "content-type": type } : {} });

describe("readJsonBody", () => {
  it("reads a JSON object", async () => {
    expect(await readJsonBody(post('{"a":1}'))).toEqual({ ok: true, value: { a: 1 } });
    expect(await readJsonBody(post('{"a":1}', "application/json; charset=utf-8"))).toMatchObject({ ok: true });
  });
  it("answers 415 for another content type", async () => {
    expect(await readJsonBody(post('{"a":1}', "text/plain"))).toMatchObject({ ok: false, status: 415 });
    expect(await readJsonBody(post("a=1", "application/x-www-form-urlencoded"))).toMatchObject({ status: 415 });
  });
  it("answers 400 for malformed JSON, a non-object, or no body", async () => {
    expect(await readJsonBody(post("{nope"))).toMatchObject({ ok: false, status: 400 });
    expect(await readJsonBody(post("[1,2]"))).toMatchObject({ ok: false, status: 400 });
    expect(await readJsonBody(post("null"))).toMatchObject({ ok: false, status: 400 });
    expect(await readJsonBody(post(null))).toMatchObject({ ok: false, status: 400 });
  });
  it("answers 413 past 64 KiB, even without a Content-Length", async () => {
    const big = JSON.stringify({ a: "x".repeat(MAX_BODY_BYTES) });
    expect(await readJsonBody(post(big))).toMatchObject({ ok: false, status: 413 });
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const req = new Request("http://x/api", {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json" },
      // @ts-expect-error -- Node's fetch needs this for a streamed body
      duplex: "half",
    });
    expect(await readJsonBody(req)).toMatchObject({ ok: false, status: 413 });
  });
});
