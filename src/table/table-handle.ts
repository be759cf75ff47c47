/** What `create()` returns: the table's id, its row count and its columns. */
export interface TableHandle {
  id: string;
  count: number;
  columns: string[];
}
