import { afterAll, vi } from "vitest";

/** Secrets for the AUTH_SECRET rotation tests (each at least 32 characters, as lib/env.ts requires). */
export const SECRET_A = "rotation-secret-A-0123456789abcdefghijklmnop";
export const SECRET_B = "rotation-secret-B-0123456789abcdefghijklmnop";
export const SECRET_C = "rotation-secret-C-0123456789abcdefghijklmnop";

/** Call at a test file's top: its AUTH_SECRET comes back (and modules reload) once the file is done. */
export function restoreSecretsAfterAll(): void {
  const saved = process.env.AUTH_SECRET;
  afterAll(() => {
    if (saved === undefined) delete process.env.AUTH_SECRET;
    else process.env.AUTH_SECRET = saved;
    vi.resetModules();
  });
}

/**
 * This process as an instance configured with `secrets` ("new,old"): lib/env.ts caches the environment, so the
 * modules are reloaded, and what the instance uses must be imported (dynamically) after this.
 */
export function configureSecrets(secrets: string): void {
  process.env.AUTH_SECRET = secrets;
  vi.resetModules();
}
