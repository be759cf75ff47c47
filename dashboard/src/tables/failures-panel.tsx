import { useState } from 'preact/hooks';
import type { FailureGroup } from '../../../src/http-api/routes/row-routes.ts';
import { api } from '../shared/api.ts';
import { ErrorNote } from '../shared/error-note.tsx';
import { count, time } from '../shared/format.ts';
import { href } from '../shared/route.ts';
import { RawOutput } from '../shared/transcript.tsx';
import { useApi } from '../shared/use-api.ts';

/** A table's failed rows grouped by cause, each with the model's raw output, and "Retry these" per group. */
export function FailuresPanel({ tableId }: { tableId: string }) {
  const failures = useApi<{ total: number; groups: FailureGroup[] }>(`/tables/${encodeURIComponent(tableId)}/failures`, { refreshMs: 3000 });
  const [retried, setRetried] = useState<Record<string, string>>({});
  const [retryError, setRetryError] = useState<string | undefined>(undefined);
  const retry = async (group: FailureGroup, key: string) => {
    setRetryError(undefined);
    try {
      const { run } = await api<{ run: { id: string } }>(`/tables/${encodeURIComponent(tableId)}/failures/retry`, {
        method: 'POST',
        body: { passId: group.passId, rowIds: group.failures.map((failure) => failure.rowId) },
      });
      setRetried({ ...retried, [key]: run.id });
    } catch (error) {
      setRetryError((error as Error).message);
    }
  };
  const groups = failures.data?.groups ?? [];
  return (
    <section class="panel" aria-labelledby="failures-title">
      <h3 id="failures-title">Failures by cause ({count(failures.data?.total)})</h3>
      <ErrorNote error={retryError ?? failures.error} />
      {groups.length === 0 && <p>No failed rows.</p>}
      {groups.map((group) => {
        const key = `${group.passId} ${group.errorClass} ${group.example}`;
        return (
          <details class="failure-group" key={key} open={groups.length <= 3}>
            <summary>
              {count(group.count)} × <strong>{group.errorClass}</strong>: {group.example} <small>(pass {group.passId})</small>
            </summary>
            <p>
              <button type="button" onClick={() => retry(group, key)}>
                Retry these {count(group.count)}
              </button>{' '}
              {retried[key] !== undefined && (
                <span role="status">
                  Started <a href={href('runs', retried[key])}>{retried[key]}</a>
                </span>
              )}
            </p>
            <ul>
              {group.failures.map((failure) => (
                <li key={failure.rowId}>
                  <a href={href('tables', tableId, 'rows', failure.rowId)}>{failure.rowId}</a> — {failure.error} <small>{time(failure.failedAt)}</small>
                  <RawOutput text={failure.rawOutput} />
                </li>
              ))}
            </ul>
          </details>
        );
      })}
    </section>
  );
}
