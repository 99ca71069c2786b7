import { AcceptInvite } from "./accept-invite";

export const metadata = { title: "Join a piece · Tandem" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <main className="centered stack">
      <h1>Joining a piece</h1>
      <AcceptInvite token={token} />
    </main>
  );
}
