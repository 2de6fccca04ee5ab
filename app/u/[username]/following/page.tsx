import { FollowListPage, followListMetadata, type FollowListProps } from "../follow-list-page";

export const generateMetadata = (props: FollowListProps) => followListMetadata("following", props);

export default function Page(props: FollowListProps) {
  return <FollowListPage direction="following" {...props} />;
}
