import Link from "next/link";

/** The sign-in page's way to "Email me a sign-in link" (app/(auth)/sign-in/email), keeping where to land. */
export function EmailSignInLink({ callbackUrl }: { callbackUrl: string }) {
  return (
    <p className="mt-4 text-center text-sm">
      <Link
        href={`/sign-in/email?${new URLSearchParams({ callbackUrl })}`}
        className="font-medium text-brand-700 underline-offset-2 hover:underline"
      >
        Email me a sign-in link
      </Link>
    </p>
  );
}
