import type { Metadata } from "next";
import { Card } from "@/components/card";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <Card
      title="Forgot your password?"
      subtitle="Enter the email address of your account and we will send you a link to choose a new one."
    >
      <ForgotPasswordForm />
    </Card>
  );
}
