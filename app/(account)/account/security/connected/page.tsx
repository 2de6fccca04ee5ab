import type { Metadata } from "next";
import { ConnectedAccountsPanel } from "../connected-accounts-panel";
import { callerOr } from "../signed-in";

export const metadata: Metadata = { title: "Connected accounts" };

export default async function ConnectedAccountsPage() {
  return <ConnectedAccountsPanel caller={await callerOr("/account/security/connected")} />;
}
