/** An answer of the daemon that is not a success: its status and `{ error: { name, message } }`. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

const signedOutListeners = new Set<() => void>();

/** Calls `listener` when the daemon refuses the page's cookie (a restart makes a new token). */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/** A request to the daemon, with the sign-in cookie; JSON in and out. */
export async function api<T>(path: string, { method = 'GET', body }: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) for (const listener of signedOutListeners) listener();
  const text = await response.text();
  const value = text === '' ? undefined : (JSON.parse(text) as unknown);
  if (!response.ok) throw new ApiError(response.status, (value as { error?: { message?: string } })?.error?.message ?? `${response.status} ${response.statusText}`);
  return value as T;
}
