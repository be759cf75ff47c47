// Shapes of well-known credentials, at the start of a word: OpenAI/Anthropic/Stripe `sk-`, GitHub,
// GitLab, Slack, AWS, Google, Hugging Face, npm and PyPI keys, JWTs.
const knownKeyShape = /(?<![A-Za-z0-9])(?:sk-|sk_|rk_|pk_live_|ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|glpat-|xox[abprs]-|AKIA|ASIA|AIza|ya29\.|hf_|npm_|pypi-|eyJ)[A-Za-z0-9_\-.]{8,}/;
// Credentials in a URL (`https://user:password@host`) or an Authorization header value.
const credentialShape = /:\/\/[^\s/@:]+:[^\s/@]+@|\bbearer\s/i;
// A long unbroken run of letters and digits is what random keys look like; paths, locales and time zones are not.
const longToken = /[A-Za-z0-9_+=-]{32,}/g;

/** True when `value` looks like it holds a credential: a known key shape or a long random-looking token. */
export function looksLikeSecret(value: string): boolean {
  if (knownKeyShape.test(value) || credentialShape.test(value)) return true;
  return (value.match(longToken) ?? []).some((token) => /[0-9]/.test(token) && /[A-Za-z]/.test(token));
}
