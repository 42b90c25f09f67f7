/**
 * Reading history: pages of events by id, over chunks (history-chunks.ts). The cursor is
 * the id of the last event returned, so a page may end, and the next begin, inside a chunk.
 */
import type { Kysely } from 'kysely';
import { decodeCursor, pageLimit, toPage } from './cursor.js';
import { parseChunk } from './history-chunks.js';
import type { HistoryQuery, Page, StoredHistoryEvent } from './store.js';
import type { Backend, Tables } from './tables.js';
import { inReadTransaction } from './transaction.js';

export async function getHistory(
  backend: Backend,
  executionArn: string,
  query: HistoryQuery,
): Promise<Page<StoredHistoryEvent>> {
  const limit = pageLimit(query.limit);
  const reverse = query.reverse === true;
  // Forward and reverse cursors are distinct listings: a position means "after" in one
  // direction only.
  const listing = reverse ? 'reverseHistory' : 'history';
  const after = query.after === undefined ? undefined : decodeCursor(listing, query.after)[0];
  // One snapshot for the few statements a page may take: a write merging chunks between
  // two of them could otherwise hide events from the page.
  const events = await inReadTransaction(backend, async (trx) => {
    const execution = await trx.selectFrom('executions').select('id').where('arn', '=', executionArn).executeTakeFirst();
    return execution === undefined ? [] : readEvents(trx, execution.id, { after, reverse, wanted: limit + 1 });
  });
  return toPage(events, limit, listing, (event) => [event.id], (event) => event);
}

interface Reading {
  /** Only events after this id (before it, reversed). */
  readonly after: number | undefined;
  readonly reverse: boolean;
  /** Stop once this many events are read. */
  readonly wanted: number;
}

/** The first `wanted` events past `after` in the reading's direction (fewer if there are not). */
async function readEvents(trx: Kysely<Tables>, executionId: number, reading: Reading): Promise<StoredHistoryEvent[]> {
  const { after, reverse, wanted } = reading;
  const events: StoredHistoryEvent[] = [];
  const take = (text: string): void => {
    if (events.length === wanted) return;
    const chunk = parseChunk(text);
    if (reverse) chunk.reverse();
    for (const event of chunk) {
      if (events.length === wanted) return;
      if (after === undefined || (reverse ? event.id < after : event.id > after)) events.push(event);
    }
  };

  // Reading forward from a cursor, the chunk holding it starts at or before it. (Reading
  // backwards, that chunk starts before the cursor and the query below finds it.)
  if (!reverse && after !== undefined) {
    const holding = await trx
      .selectFrom('history_chunks')
      .select(['last_event_id', 'events'])
      .where('execution_id', '=', executionId)
      .where('first_event_id', '<=', after)
      .orderBy('first_event_id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (holding !== undefined && holding.last_event_id > after) take(holding.events);
  }

  // Chunks in order, a few rows at a time: most histories are a chunk or two, and chunks
  // hold up to 128 events, so the batch grows for the long ones.
  let boundary = after;
  let batch = 4;
  while (events.length < wanted) {
    let select = trx
      .selectFrom('history_chunks')
      .select(['first_event_id', 'events'])
      .where('execution_id', '=', executionId)
      .orderBy('first_event_id', reverse ? 'desc' : 'asc')
      .limit(batch);
    if (boundary !== undefined) select = select.where('first_event_id', reverse ? '<' : '>', boundary);
    const rows = await select.execute();
    for (const row of rows) take(row.events);
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < batch) break;
    boundary = last.first_event_id;
    batch *= 4;
  }
  return events;
}
