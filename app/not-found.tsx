import { NotFoundPage } from "@/components/not-found-page";

export default function NotFound() {
  return (
    <NotFoundPage title="Page not found">
      <p>There is nothing at this address. Check the link, or start again from the home page.</p>
    </NotFoundPage>
  );
}
