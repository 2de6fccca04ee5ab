import type { Metadata } from "next";
import { PasskeysPanel } from "../passkeys-panel";
import { callerOr } from "../signed-in";

export const metadata: Metadata = { title: "Passkeys" };

export default async function PasskeysPage() {
  return <PasskeysPanel caller={await callerOr("/account/security/passkeys")} />;
}
