import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/card";
import { getCaller } from "@/lib/auth/caller";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await getCaller()) redirect("/account");
  return (
    <Card title="Create an account" subtitle="It takes a minute. You can fill in your profile now or later.">
      <SignUpForm />
    </Card>
  );
}
