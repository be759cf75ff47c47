/**
 * All a browser without the daemon's token sees: how to sign in. The form sends the token once to
 * `/?token=`, which keeps it in an HttpOnly cookie and comes back here without it.
 */
export function SignIn() {
  const refused = new URLSearchParams(location.search).has('refused');
  return (
    <main class="sign-in" id="main">
      <h1>Swarm dashboard</h1>
      <p>Sign in to see this daemon's runs, tables, plans and spend.</p>
      <p>
        Open the address <code>swarm start</code> printed (or run <code>swarm dashboard</code>), or paste the <code>token</code> of{' '}
        <code>.swarm/daemon.json</code>:
      </p>
      {refused && (
        <p class="error" role="alert">
          That token was refused: the daemon makes a new one each time it starts.
        </p>
      )}
      <form method="get" action="/">
        <label>
          Token <input name="token" type="password" autoComplete="off" required size={40} />
        </label>
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
