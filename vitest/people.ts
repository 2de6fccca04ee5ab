// Fresh accounts for lib tests.
import { registerUser } from "../lib/account/register";

let n = 0;
export const PASSWORD = "a good long password";

export async function newUser(prefix = "t") {
  const name = `${prefix}${Date.now().toString(36)}${(n++).toString(36)}`;
  const result = await registerUser({ username: name, email: `${name}@example.com`, password: PASSWORD });
  if (!result.ok) throw new Error(`setup failed: ${result.error.message}`);
  return result.value;
}
export const NO_CLIENT = { ip: null, userAgent: null };
