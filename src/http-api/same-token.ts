import { createHash, timingSafeEqual } from 'node:crypto';

/** Whether `presented` is `token`, in time that does not depend on where they differ or on their lengths. */
export function sameToken(presented: string, token: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(token));
}
