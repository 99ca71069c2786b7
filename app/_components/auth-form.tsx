"use client";
/** One form, two actions: "Sign up" (needs a name) and "Sign in". Signed-in visitors move on. */
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { TEXT_LIMITS } from "@/lib/text-limits";
import { authClient, safeNext, useSession } from "../_auth/auth-client";
import { ErrorAlert } from "@/app/_components/error-alert";

type Action = "signUp" | "signIn";

export function AuthForm({ next }: { next?: string }) {
  const router = useRouter();
  const session = useSession();
  const target = safeNext(next);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  // Until React has hydrated, a click would submit the form natively; keep the buttons off till then.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  useEffect(() => {
    if (session.data) router.replace(target);
  }, [session.data, router, target]);

  async function submit(action: Action) {
    setError(null);
    if (action === "signUp" && !name.trim()) return setError("Enter your name to sign up.");
    if (!email.trim() || !password) return setError("Enter your email and password.");
    setBusy(action);
    const result =
      action === "signUp"
        ? await authClient.signUp.email({ name: name.trim(), email: email.trim(), password })
        : await authClient.signIn.email({ email: email.trim(), password });
    setBusy(null);
    if (result.error) return setError(result.error.message ?? result.error.statusText ?? "That did not work.");
    await session.refetch?.();
    router.replace(target);
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void submit(submitter?.value === "signUp" ? "signUp" : "signIn");
  }

  return (
    <form className="card stack" method="post" onSubmit={onSubmit} noValidate aria-describedby={error ? "auth-error" : undefined}>
      <label className="field">
        <span>Name</span>
        <input type="text" name="name" autoComplete="name" maxLength={TEXT_LIMITS.name} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        <span>Email</span>
        <input type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label className="field">
        <span>Password</span>
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          minLength={8}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <ErrorAlert error={error} id="auth-error" />
      <div className="row">
        <button type="submit" value="signIn" className="primary" disabled={!ready || busy !== null}>
          {busy === "signIn" ? "Signing in…" : "Sign in"}
        </button>
        <button type="submit" value="signUp" disabled={!ready || busy !== null}>
          {busy === "signUp" ? "Signing up…" : "Sign up"}
        </button>
      </div>
      <p className="status">New here? Fill in your name too and choose Sign up.</p>
    </form>
  );
}
