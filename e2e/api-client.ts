import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "../client/api-types";
import { apiDocument } from "./openapi-validator";

/**
 * The typed client programs use (README → "Calling the API"): openapi-fetch over the types that
 * openapi-typescript generates from the document. Here every answer is also checked against the
 * document's schema for its route and status.
 */
export function apiClient(baseUrl: string) {
  const client = createClient<paths>({ baseUrl });
  const validate: Middleware = {
    async onResponse({ request, response }) {
      const doc = await apiDocument(baseUrl);
      await doc.check({
        method: request.method,
        url: response.url || request.url,
        status: response.status,
        contentType: response.headers.get("content-type") ?? "",
        body: () => response.clone().text(),
      });
      return response;
    },
  };
  client.use(validate);
  return client;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
