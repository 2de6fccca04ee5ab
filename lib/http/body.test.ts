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
  it("answers 400 naming the fields whose text is not valid Unicode (a lone surrogate by escape)", async () => {
    const result = await readJsonBody(
      post('{"login":"a\\udc5b","password":"fine","bio":[{"x":["\\ud800"]}],"ok":"\\ud83d\\ude00"}'),
    );
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(!result.ok && result.errors).toEqual({
      login: ["This holds text that is not valid Unicode."],
      bio: ["This holds text that is not valid Unicode."],
    });
    expect(await readJsonBody(post('{"\\udfff":1}'))).toMatchObject({ ok: false, errors: { _: expect.any(Array) } });
    expect(await readJsonBody(post('{"a":{"\\udfff":1}}'))).toMatchObject({
      ok: false,
      errors: { a: expect.any(Array) },
    });
    // A well-formed pair (an emoji) and a deep body are fine.
    expect(await readJsonBody(post('{"a":"\\ud83d\\ude00"}'))).toEqual({ ok: true, value: { a: "😀" } });
    const deep = '{"a":' + "[".repeat(20_000) + "]".repeat(20_000) + "}";
    expect(await readJsonBody(post(deep))).toMatchObject({ ok: true });
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
