import "server-only";
import { ipKey } from "../security/ip-key";
import { claimLimit } from "../security/limit-events";
import type { ClientInfo } from "../client-info";
import type { Result } from "../result";
import { validate } from "../validation";
import type { UserDto } from "../users/dto";
import { registerUser } from "./register";
import { registrationSchema } from "../users/schemas";

/**
 * Registration as the API and the sign-up form offer it: valid input counts against the address's
 * sign-up limit (LIMIT_SIGN_UP_IP) before any password is hashed. Invalid input is answered
 * without counting, so a person fixing a typo does not use up their tries.
 */
export async function signUp(input: unknown, client: ClientInfo): Promise<Result<UserDto>> {
  const parsed = validate(registrationSchema, input);
  if (!parsed.ok) return parsed;
  const limit = await claimLimit("sign_up_ip", [ipKey(client.ip)], { subject: null, context: client });
  if (!limit.ok) return limit;
  return registerUser(input);
}
