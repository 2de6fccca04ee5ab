import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { useSyncExternalStore } from "react";

const never = () => () => {};

/** Whether this browser can use passkeys: assumed on the server and while hydrating (most can), then the truth. */
export function useWebAuthnSupport(): boolean {
  return useSyncExternalStore(never, browserSupportsWebAuthn, () => true);
}
