import type { Metadata } from "next";
import { Card } from "@/components/card";
import { UnlockForm } from "./unlock-form";

export const metadata: Metadata = { title: "Unlock sign-in", referrer: "no-referrer" };

export default async function UnlockSignInPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const token = (await searchParams).token;
  return (
    <Card title="Unlock sign-in" subtitle="Sign-in to your account was paused after many wrong passwords.">
      <UnlockForm token={typeof token === "string" ? token.slice(0, 200) : ""} />
    </Card>
  );
}
