/** Why `filterOutputs` rejected a record, in the order the checks run. */
export const filterRejectReasons = ['invalid-json', 'not-object', 'schema', 'missing-field', 'too-short', 'too-long', 'duplicate'] as const;

/** One of the reasons `filterOutputs` rejects a record. */
export type FilterRejectReason = (typeof filterRejectReasons)[number];

/** What `filterOutputs` read and wrote. */
export interface FilterReport {
  /** Input files read. */
  files: number;
  /** Records read: non-blank lines and array elements. */
  records: number;
  /** Records written to the output file. */
  clean: number;
  /** Records written to the errors file. */
  rejected: number;
  /** Clean records that were valid JSON only after repair. */
  repaired: number;
  /** Rejected records by reason; every reason is present. */
  reasons: Record<FilterRejectReason, number>;
  /** The clean records file. */
  output: string;
  /** The rejected records file. */
  errors: string;
}
