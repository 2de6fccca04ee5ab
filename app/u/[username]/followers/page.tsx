import { FollowListPage, followListMetadata, type FollowListProps } from "../follow-list-page";

export const generateMetadata = (props: FollowListProps) => followListMetadata("followers", props);

export default function Page(props: FollowListProps) {
  return <FollowListPage direction="followers" {...props} />;
}
