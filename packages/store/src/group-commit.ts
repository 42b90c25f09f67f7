/**
 * Group commit: writes submitted close together share one transaction, and each writer's
 * promise settles only after that transaction committed (or failed).
 *
 * A commit costs about the same for one write as for hundreds (one WAL append, possibly an
 * fsync, or one round trip to PostgreSQL), so under load batching multiplies throughput. The
 * batch is cut adaptively: the first write schedules a flush for the end of the current
 * event-loop turn (or after `windowMs`), so everything submitted in that turn rides along;
 * while a batch is committing, new writes queue up and become the next batch the moment it
 * is done. A lone writer therefore waits for no timer at all with the default window of 0.
 */

export type Outcome<R> =
  | { readonly kind: 'committed'; readonly value: R }
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * Commits the writes in order, in one transaction; one outcome per write. A write that fails
 * on its own (a constraint it breaks) is reported as `failed` without failing the others;
 * throwing fails every write of the batch.
 */
export type CommitBatch<W, R> = (writes: readonly W[]) => Promise<readonly Outcome<R>[]>;

export interface GroupCommitOptions {
  /** How long the first write of a batch waits for company. 0: until the loop turn ends. */
  readonly windowMs?: number;
  /** Bounds a transaction's size (and how long it holds SQLite's write lock). */
  readonly maxBatch?: number;
}

export interface GroupCommit<W, R> {
  submit(write: W): Promise<R>;
  /** Resolves once every write submitted so far has settled. */
  drain(): Promise<void>;
}

interface Pending<W, R> {
  readonly write: W;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

export function createGroupCommit<W, R>(
  commit: CommitBatch<W, R>,
  options: GroupCommitOptions = {},
): GroupCommit<W, R> {
  const windowMs = Math.max(0, options.windowMs ?? 0);
  const maxBatch = Math.max(1, options.maxBatch ?? 500);
  let queue: Pending<W, R>[] = [];
  let scheduled = false;
  let flushing: Promise<void> | undefined;

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      let outcomes: readonly Outcome<R>[];
      try {
        outcomes = await commit(batch.map((pending) => pending.write));
      } catch (error) {
        for (const pending of batch) pending.reject(error);
        continue;
      }
      batch.forEach((pending, index) => {
        const outcome = outcomes[index];
        if (outcome === undefined) pending.reject(new Error('Group commit lost a write'));
        else if (outcome.kind === 'committed') pending.resolve(outcome.value);
        else pending.reject(outcome.error);
      });
    }
  }

  function start(): void {
    scheduled = false;
    flushing = flush().finally(() => {
      flushing = undefined;
      // Writes submitted between the last loop check and this callback.
      if (queue.length > 0) schedule();
    });
  }

  function schedule(): void {
    if (scheduled || flushing !== undefined) return;
    scheduled = true;
    if (windowMs > 0) setTimeout(start, windowMs);
    else setImmediate(start);
  }

  return {
    submit(write) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ write, resolve, reject });
        schedule();
      });
    },
    async drain() {
      while (scheduled || flushing !== undefined) {
        await (flushing ?? new Promise<void>((resolve) => setImmediate(resolve)));
      }
    },
  };
}
