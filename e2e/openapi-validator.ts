import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/**
 * Checks an API answer against the OpenAPI document the server publishes (GET /api/openapi.json):
 * the status must be documented for the operation, and a JSON body must match the schema documented
 * for that status and content type. A field added, renamed or left out fails (the DTO schemas are strict).
 */
type Schema = Record<string, unknown>;
type Operation = {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>>; components?: Schema };

export type Answer = { method: string; url: string; status: number; contentType: string; body: () => Promise<string> };

export class ApiDocument {
  private ajv = new Ajv2020({ strict: false, allErrors: true });
  private compiled = new Map<string, ValidateFunction>();
  private routes: { pattern: RegExp; path: string }[];

  constructor(private doc: Document) {
    addFormats.default(this.ajv);
    // Response schemas point into #/components: give them one home to point into.
    this.ajv.addSchema({ $id: "doc", components: doc.components ?? {} });
    this.routes = Object.keys(doc.paths).map((path) => ({
      path,
      pattern: new RegExp("^" + path.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+") + "$"),
    }));
  }

  /** The documented template (`/api/sessions/{id}`) of a path, or null. Literal paths win over templates. */
  private template(pathname: string): string | null {
    const matches = this.routes.filter((r) => r.pattern.test(pathname)).map((r) => r.path);
    return matches.find((p) => !p.includes("{")) ?? matches[0] ?? null;
  }

  /** The problems the document finds with a JSON request body for an operation (empty: it accepts it). */
  requestBodyProblems(method: string, path: string, body: unknown): string[] {
    const schema = this.doc.paths[path]?.[method.toLowerCase()]?.requestBody?.content?.["application/json"]?.schema;
    if (!schema) return [`${method} ${path} documents no JSON request body`];
    const validate = this.ajv.compile(
      JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')),
    );
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
  }

  /** Throws, saying what differs, when the answer is not what the document says; quiet otherwise. */
  async check(answer: Answer): Promise<void> {
    const { pathname } = new URL(answer.url);
    const path = this.template(pathname);
    const method = answer.method.toLowerCase();
    const operation = path ? this.doc.paths[path]?.[method] : undefined;
    if (!path || !operation) return; // not an operation of the document (Auth.js's routes, a page)
    const where = `${answer.method.toUpperCase()} ${pathname} → ${answer.status}`;
    const response = operation.responses?.[String(answer.status)];
    if (!response) throw new Error(`${where}: this status is not in the OpenAPI document for ${path}`);
    const type = answer.contentType.split(";")[0]!.trim().toLowerCase();
    if (!/json$/.test(type)) return;
    const schema = response.content?.[type]?.schema;
    if (!schema) throw new Error(`${where}: a ${type} body, which the document does not describe`);
    const key = `${method} ${path} ${answer.status} ${type}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
      this.compiled.set(key, validate);
    }
    const body: unknown = JSON.parse(await answer.body());
    if (!validate(body)) {
      const errors = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
      throw new Error(`${where}: the body does not match the OpenAPI document (${errors}): ${JSON.stringify(body)}`);
    }
  }
}

const documents = new Map<string, Promise<ApiDocument>>();

/** The server's document, fetched once per base URL. */
export function apiDocument(baseURL: string): Promise<ApiDocument> {
  let doc = documents.get(baseURL);
  if (!doc) {
    doc = fetch(new URL("/api/openapi.json", baseURL)).then(async (res) => {
      if (res.status !== 200) throw new Error(`GET /api/openapi.json answered ${res.status}`);
      return new ApiDocument((await res.json()) as Document);
    });
    documents.set(baseURL, doc);
  }
  return doc;
}
