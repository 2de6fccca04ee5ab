import type { Metadata } from "next";
import { callerOr } from "../signed-in";
import { TwoFactorPanel } from "../two-factor-panel";

export const metadata: Metadata = { title: "Two-factor authentication" };

export default async function TwoFactorPage() {
  return <TwoFactorPanel caller={await callerOr("/account/security/two-factor")} />;
}
