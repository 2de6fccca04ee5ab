import type { Metadata } from "next";
import { resetLinkMinutes } from "@/lib/password-reset/link";
import { ForgotPassword } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return <ForgotPassword linkMinutes={resetLinkMinutes()} />;
}
