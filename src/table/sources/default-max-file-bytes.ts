/** The largest file a file row may hold, and a `{file}` placeholder read into a prompt, unless `maxFileBytes` says otherwise. */
export const defaultMaxFileBytes = 1_000_000;
