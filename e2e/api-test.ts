import { test as base, type APIRequestContext, type APIResponse } from "@playwright/test";
import { apiDocument } from "./openapi-validator";

export * from "@playwright/test";

const METHODS = ["get", "post", "put", "patch", "delete", "head", "fetch"] as const;

/**
 * Playwright's `test` whose `request` fixture checks every answer from the API against the OpenAPI
 * document (e2e/openapi-validator.ts): the API specs import `test` from here instead of
 * @playwright/test and are otherwise unchanged.
 */
export const test = base.extend<object>({
  request: async ({ request, baseURL }, provide) => {
    await provide(await checkedRequest(request, baseURL!));
  },
});

/**
 * The same check on any request context: the specs that start their own servers wrap the contexts they
 * open (`checkedRequest(await playwrightRequest.newContext({ baseURL }), baseURL)`).
 */
export async function checkedRequest(request: APIRequestContext, baseURL: string): Promise<APIRequestContext> {
  const doc = await apiDocument(baseURL);
  return new Proxy(request, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function" || !(METHODS as readonly (string | symbol)[]).includes(prop)) {
        return typeof value === "function" ? value.bind(target) : value;
      }
      return async (url: string | { method(): string; url(): string }, options?: { method?: string }) => {
        // A kept-alive socket the server closed as idle (its 5 s keepAliveTimeout) just as a request went out on
        // it answers ECONNRESET before any byte of a response: sent once more on a new socket, as HTTP clients and
        // browsers do. Any other failure, and a second reset, fails the test.
        const res: APIResponse = await value.call(target, url, options).catch((error: unknown) => {
          if (!/ECONNRESET/.test(String(error))) throw error;
          return value.call(target, url, options);
        });
        const method =
          prop === "fetch" ? (options?.method ?? (typeof url === "string" ? "get" : url.method())) : (prop as string);
        await doc.check({
          method,
          url: res.url(),
          status: res.status(),
          contentType: res.headers()["content-type"] ?? "",
          body: async () => (await res.body()).toString("utf8"),
        });
        return res;
      };
    },
  }) as APIRequestContext;
}
