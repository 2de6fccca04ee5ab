import { OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { registry } from "./registry";
import "./paths/access";
import "./paths/admin";
import "./paths/api-keys";
import "./paths/email";
import "./paths/email-sign-in";
import "./paths/follows";
import "./paths/identities";
import "./paths/invitations";
import "./paths/meta";
import "./paths/organizations";
import "./paths/passkeys";
import "./paths/posts";
import "./paths/sessions";
import "./paths/two-factor";
import "./paths/users";
import "./paths/webhook-events";
import "./paths/webhooks";

type Document = ReturnType<OpenApiGeneratorV31["generateDocument"]>;
let cached: Document | undefined;

/** The OpenAPI 3.1 document of the JSON API, generated once from the registry (lib/openapi/paths/*). */
export function openApiDocument(): Document {
  cached ??= new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Accounts API",
      version: "1",
      description:
        "Sign up, sign in with a bearer token, and manage the account, its sessions and its email. " +
        "Errors are RFC 9457 problem documents (`application/problem+json`).",
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "Users", description: "Signing up and public profiles." },
      { name: "Sessions", description: "Signing in and out; the bearer tokens." },
      { name: "Account", description: "The caller's own account." },
      { name: "Two-factor", description: "Authenticator-app codes and recovery codes." },
      {
        name: "Passkeys",
        description:
          "WebAuthn passkeys: add, list, rename, remove, and sign in or re-authenticate with one. The options " +
          "are for @simplewebauthn/browser's startRegistration()/startAuthentication(); its answer is the `response`.",
      },
      { name: "Email", description: "Verification and password-reset links." },
      { name: "Posts", description: "The mini blog: anyone reads, a confirmed account writes, its author edits." },
      { name: "Follows", description: "Following accounts (public) and the personal feed of their posts." },
      {
        name: "Organizations",
        description:
          "Teams with roles (owner, admin, member) and email invitations; everything of one is seen by its members only.",
      },
      { name: "Service", description: "Health and this description." },
      { name: "Admin", description: "The console's API: administrators only; writes need a fresh re-authentication." },
      {
        name: "Webhook events",
        description:
          "What we POST to the endpoints administrators configure, signed to the Standard Webhooks specification.",
      },
    ],
  });
  return cached;
}
