/**
 * What `buildEnvironment` keeps of an environment: agents' tools take an allowlist of harmless
 * variables; commands take the user's whole environment less its secrets.
 */
export interface EnvironmentPolicy {
  /** The only variables a child may inherit, in this order; every variable of the environment when absent. */
  readonly allow?: readonly string[];
  /** True for a variable that holds a secret: it is left out, and so is every value containing its value. */
  isSecretName(name: string): boolean;
  /** Variables given as they are, secret-looking or not (the user's `passEnv`). */
  readonly pass?: ReadonlySet<string>;
  /** More environments whose secrets no value may contain (this process's own). */
  readonly secretsAlsoIn?: ReadonlyArray<Readonly<Record<string, string | undefined>>>;
  /** True for a value no child may get whatever its name (a key's shape, an exported shell function). */
  isUnsafeValue?(value: string): boolean;
  /** PATH keeps only its absolute entries, each judged alone: a relative one would run programs from the working folder. */
  readonly absolutePathOnly?: boolean;
}
