import { NotFoundPage } from "@/components/not-found-page";

/** A post that is not there (deleted, mistyped) or, for its edit page, not the caller's to edit. */
export default function PostNotFound() {
  return (
    <NotFoundPage eyebrow="Post not found" title="This post is not here" action="See the latest posts">
      <p>It may have been deleted by its author, or the link is mistyped.</p>
    </NotFoundPage>
  );
}
