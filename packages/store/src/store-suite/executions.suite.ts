import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../store.js';
import type { ExecutionRecord } from '../store.js';
import {
  alias,
  badCursors,
  collectPages,
  events,
  execution,
  finished,
  machine,
  machineArn,
  snapshot,
  type SuiteContext,
} from './fixtures.js';

export function executionCases(t: SuiteContext): void {
  describe('machine snapshots', () => {
    it('writes a snapshot once per key', async () => {
      expect(await t.store.getMachineSnapshot('orders#1')).toBeUndefined();
      await t.store.putMachineSnapshot(snapshot('orders#1'));
      await t.store.putMachineSnapshot({ ...snapshot('orders#1'), name: 'second-writer' });
      expect(await t.store.getMachineSnapshot('orders#1')).toStrictEqual(snapshot('orders#1'));
    });
  });

  describe('executions', () => {
    it('inserts an execution and reads it back as written', async () => {
      const running = execution('orders', 'e1');
      const full = finished('orders', 'e2', 1_700_000_002_000, {
        status: 'FAILED',
        error: 'States.TaskFailed',
        cause: 'boom',
        traceHeader: 'Root=1-abc',
        stateMachineVersionArn: `${machineArn('orders')}:3`,
        stateMachineAliasArn: `${machineArn('orders')}:live`,
      });
      expect(await t.store.insertExecution(running)).toBe(true);
      expect(await t.store.insertExecution(full, events(1, 3))).toBe(true);
      expect(await t.store.getExecution(running.arn)).toStrictEqual(running);
      expect(await t.store.getExecution(full.arn)).toStrictEqual(full);
      expect(await t.store.getExecution(`${running.arn}-missing`)).toBeUndefined();
      expect((await t.store.getHistory(full.arn, { limit: 10 })).items).toStrictEqual(events(1, 3));
    });

    it('refuses a second execution with the same ARN, keeping the first and its history', async () => {
      const first = execution('orders', 'e1');
      await t.store.insertExecution(first, events(1, 2));
      expect(await t.store.insertExecution({ ...first, input: '{"other":1}' }, events(3, 4))).toBe(false);
      expect(await t.store.getExecution(first.arn)).toStrictEqual(first);
      expect((await t.store.getHistory(first.arn, { limit: 10 })).items).toStrictEqual(events(1, 2));
    });

    it('decides duplicates within one batch in submission order', async () => {
      const record = execution('orders', 'same');
      const results = await Promise.all([
        t.store.insertExecution(record, events(1, 1)),
        t.store.insertExecution({ ...record, input: '"late"' }, events(1, 1)),
      ]);
      expect(results).toStrictEqual([true, false]);
      expect((await t.store.getExecution(record.arn))?.input).toBe(record.input);
    });

    it('completes a running execution and appends its last events', async () => {
      const record = execution('orders', 'e1');
      await t.store.insertExecution(record, events(1, 2));
      await t.store.appendHistory(record.arn, events(3, 4));
      await t.store.completeExecution(
        record.arn,
        { status: 'SUCCEEDED', stopDate: 1_700_000_005_000, output: '{"done":true}' },
        events(5, 5),
      );
      expect(await t.store.getExecution(record.arn)).toStrictEqual({
        ...record,
        status: 'SUCCEEDED',
        stopDate: 1_700_000_005_000,
        output: '{"done":true}',
      });
      expect((await t.store.getHistory(record.arn, { limit: 100 })).items).toStrictEqual(events(1, 5));
    });

    it('leaves a finished execution alone when completed again', async () => {
      const record = execution('orders', 'e1');
      await t.store.insertExecution(record, events(1, 1));
      const stop = { status: 'ABORTED', stopDate: 5, error: 'Stopped', cause: 'by user' } as const;
      await t.store.completeExecution(record.arn, stop, events(2, 2));
      await t.store.completeExecution(record.arn, { status: 'SUCCEEDED', stopDate: 6, output: '{}' }, events(3, 3));
      const read = await t.store.getExecution(record.arn);
      expect(read).toStrictEqual({ ...record, status: 'ABORTED', stopDate: 5, error: 'Stopped', cause: 'by user' });
      expect((await t.store.getHistory(record.arn, { limit: 100 })).items).toStrictEqual(events(1, 2));
    });

    it('ignores writes for executions it does not hold', async () => {
      const arn = execution('orders', 'ghost').arn;
      await t.store.appendHistory(arn, events(1, 2));
      await t.store.completeExecution(arn, { status: 'SUCCEEDED', stopDate: 1 });
      expect(await t.store.getExecution(arn)).toBeUndefined();
      expect(await t.store.getHistory(arn, { limit: 10 })).toStrictEqual({ items: [] });
    });

    it('lists executions newest start first, ties newest insert first, across pages', async () => {
      const starts = [5, 9, 5, 1, 9, 9, 3];
      for (const [i, start] of starts.entries()) {
        await t.store.insertExecution(execution('orders', `e${i}`, { startDate: start }));
      }
      await t.store.insertExecution(execution('other', 'x', { startDate: 100 }));
      const { items, pages } = await collectPages((after) =>
        t.store.listExecutions({ stateMachineArn: machineArn('orders'), limit: 2, ...(after !== undefined && { after }) }),
      );
      expect(items.map((e) => e.name)).toStrictEqual(['e5', 'e4', 'e1', 'e2', 'e0', 'e6', 'e3']);
      expect(pages).toBe(4);
      expect(items[0]).toStrictEqual(execution('orders', 'e5', { startDate: 9 }));
    });

    it('filters executions by version, alias and status', async () => {
      const arn = machineArn('orders');
      const records: ExecutionRecord[] = [
        execution('orders', 'plain', { startDate: 1 }),
        execution('orders', 'v1', { startDate: 2, stateMachineVersionArn: `${arn}:1` }),
        finished('orders', 'v1-done', 13, { stateMachineVersionArn: `${arn}:1` }),
        execution('orders', 'v2', { startDate: 4, stateMachineVersionArn: `${arn}:2` }),
        finished('orders', 'alias', 15, { stateMachineVersionArn: `${arn}:1`, stateMachineAliasArn: `${arn}:live` }),
      ];
      for (const record of records) await t.store.insertExecution(record);
      const names = async (query: Partial<Parameters<typeof t.store.listExecutions>[0]>) =>
        (await t.store.listExecutions({ stateMachineArn: arn, limit: 100, ...query })).items.map((e) => e.name);
      expect(await names({ stateMachineVersionArn: `${arn}:1` })).toStrictEqual(['alias', 'v1-done', 'v1']);
      expect(await names({ stateMachineAliasArn: `${arn}:live` })).toStrictEqual(['alias']);
      expect(await names({ status: 'RUNNING' })).toStrictEqual(['v2', 'v1', 'plain']);
      expect(await names({ status: 'SUCCEEDED', stateMachineVersionArn: `${arn}:1` })).toStrictEqual(['alias', 'v1-done']);
      expect(await names({ status: 'FAILED' })).toStrictEqual([]);
      const paged = await collectPages((after) =>
        t.store.listExecutions({ stateMachineArn: arn, status: 'RUNNING', limit: 1, ...(after !== undefined && { after }) }),
      );
      expect(paged.items.map((e) => e.name)).toStrictEqual(['v2', 'v1', 'plain']);
      for (const after of badCursors) {
        await expect(t.store.listExecutions({ stateMachineArn: arn, limit: 1, after })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
      }
    });

    it('lists summaries as it lists executions, without input and output', async () => {
      const arn = machineArn('orders');
      const records: ExecutionRecord[] = [
        execution('orders', 'a', { startDate: 1, traceHeader: 'Root=1' }),
        finished('orders', 'b', 12, { stateMachineVersionArn: `${arn}:1`, status: 'FAILED', error: 'E', cause: 'c' }),
        finished('orders', 'c', 13, { stateMachineAliasArn: `${arn}:live` }),
      ];
      for (const record of records) await t.store.insertExecution(record);
      const strip = ({ input: _input, output: _output, ...summary }: ExecutionRecord) => summary;
      for (const query of [{}, { status: 'FAILED' as const }, { stateMachineAliasArn: `${arn}:live` }]) {
        const full = await t.store.listExecutions({ stateMachineArn: arn, limit: 10, ...query });
        const summaries = await t.store.listExecutionSummaries({ stateMachineArn: arn, limit: 10, ...query });
        expect(summaries.items).toStrictEqual(full.items.map(strip));
      }
      const first = await t.store.listExecutionSummaries({ stateMachineArn: arn, limit: 1 });
      const rest = await t.store.listExecutions({ stateMachineArn: arn, limit: 10, after: first.nextCursor ?? '' });
      expect([...first.items, ...rest.items.map(strip)].map((e) => e.name)).toStrictEqual(['c', 'b', 'a']);
    });

    it('commits 500 concurrent inserts, all visible once they resolve', async () => {
      const records = Array.from({ length: 500 }, (_, i) => finished('orders', `c${i}`, 1_700_000_000_000 + i));
      const results = await Promise.all(records.map((record) => t.store.insertExecution(record, events(1, 20))));
      expect(results.every((result) => result)).toBe(true);
      const { items } = await collectPages((after) =>
        t.store.listExecutions({ stateMachineArn: machineArn('orders'), limit: 200, ...(after !== undefined && { after }) }),
      );
      expect(items).toHaveLength(500);
      expect(new Set(items.map((e) => e.arn))).toStrictEqual(new Set(records.map((r) => r.arn)));
      const history = await t.store.getHistory(records[317]?.arn ?? '', { limit: 1000 });
      expect(history.items).toStrictEqual(events(1, 20));
    });

    it('keeps each writer read-your-writes under concurrency', async () => {
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const record = execution('orders', `ryw${i}`);
          await t.store.insertExecution(record, events(1, 1));
          expect(await t.store.getExecution(record.arn)).toStrictEqual(record);
          await t.store.appendHistory(record.arn, events(2, 3));
          expect((await t.store.getHistory(record.arn, { limit: 10 })).items).toHaveLength(3);
          await t.store.completeExecution(record.arn, { status: 'SUCCEEDED', stopDate: 9, output: '1' }, events(4, 4));
          expect((await t.store.getExecution(record.arn))?.status).toBe('SUCCEEDED');
        }),
      );
    });

    it('fails only the faulty write of a batch', async () => {
      const victim = execution('orders', 'victim');
      await t.store.insertExecution(victim, events(1, 2));
      const others = Array.from({ length: 20 }, (_, i) => execution('orders', `ok${i}`));
      const settled = await Promise.allSettled([
        ...others.slice(0, 10).map((record) => t.store.insertExecution(record, events(1, 3))),
        // Event 2 exists already.
        t.store.appendHistory(victim.arn, events(2, 3)),
        ...others.slice(10).map((record) => t.store.insertExecution(record, events(1, 3))),
      ]);
      expect(settled.map((s) => s.status)).toStrictEqual([
        ...Array<string>(10).fill('fulfilled'),
        'rejected',
        ...Array<string>(10).fill('fulfilled'),
      ]);
      for (const record of others) expect((await t.store.getHistory(record.arn, { limit: 10 })).items).toHaveLength(3);
      expect((await t.store.getHistory(victim.arn, { limit: 10 })).items).toStrictEqual(events(1, 2));
      await expect(t.store.appendHistory(victim.arn, events(2, 2))).rejects.toThrow();
      await t.store.appendHistory(victim.arn, events(3, 3));
      expect((await t.store.getHistory(victim.arn, { limit: 10 })).items).toStrictEqual(events(1, 3));
    });

    it('keeps 256 KiB payloads and JSON text verbatim', async () => {
      const odd = ' {"__proto__": {"polluted": true}, "constructor": {"prototype": 1}, "ключ": "値 🚀 \\ud83d", "n": 1.50 }';
      const big = JSON.stringify({ blob: 'é'.repeat(128 * 1024 - 8) });
      expect(Buffer.byteLength(big)).toBeGreaterThan(256 * 1024 - 64);
      const record = finished('orders', 'big', 5, { input: big, output: odd, cause: 'ü'.repeat(32768) });
      const event = JSON.parse(
        `{"id":1,"type":"ExecutionStarted","__proto__":{"polluted":true},"details":{"input":${JSON.stringify(big)}},"emoji":"🚀"}`,
      ) as { id: number };
      await t.store.insertExecution(record, [event]);
      expect(await t.store.getExecution(record.arn)).toStrictEqual(record);
      const [read] = (await t.store.getHistory(record.arn, { limit: 1 })).items;
      expect(JSON.stringify(read)).toBe(JSON.stringify(event));
      expect(Object.prototype.hasOwnProperty.call(read, '__proto__')).toBe(true);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });

    it('keeps U+0000 and other control characters in free text', async () => {
      // PostgreSQL's text type cannot hold U+0000; a Fail state's Cause can.
      const texts = ['nul \u0000 inside', '\u0001starts with SOH', '\u0001', '\u0000', 'tab\tand\u007f'];
      for (const [i, text] of texts.entries()) {
        const record = finished('orders', `t${i}`, 5, { status: 'FAILED', error: text, cause: text, traceHeader: text });
        await t.store.insertExecution(record);
        expect(await t.store.getExecution(record.arn)).toStrictEqual(record);
        const running = execution('orders', `r${i}`);
        await t.store.insertExecution(running);
        await t.store.completeExecution(running.arn, { status: 'FAILED', stopDate: 6, error: text, cause: text });
        expect(await t.store.getExecution(running.arn)).toMatchObject({ error: text, cause: text });
      }
      const interrupted = execution('orders', 'interrupted');
      await t.store.insertExecution(interrupted);
      await t.store.closeInterruptedExecutions({ status: 'ABORTED', stopDate: 7, cause: '\u0000' });
      expect((await t.store.getExecution(interrupted.arn))?.cause).toBe('\u0000');

      await t.store.createStateMachine(machine('orders'));
      const version = await t.store.publishVersion(machineArn('orders'), { creationDate: 1, description: '\u0000v' });
      expect((await t.store.getVersion(version?.arn ?? ''))?.description).toBe('\u0000v');
      await t.store.putAlias(alias('orders', 'live', { description: 'a\u0000' }));
      expect((await t.store.getAlias(alias('orders', 'live').arn))?.description).toBe('a\u0000');
      await t.store.putTags(machineArn('orders'), [{ key: 'k', value: '\u0000\u0001' }]);
      expect(await t.store.getTags(machineArn('orders'))).toStrictEqual([{ key: 'k', value: '\u0000\u0001' }]);
    });

    it('closes executions left running, once', async () => {
      await t.store.insertExecution(execution('orders', 'r1'));
      await t.store.insertExecution(execution('other', 'r2'), events(1, 1));
      await t.store.insertExecution(finished('orders', 'done', 7));
      const completion = { status: 'ABORTED', stopDate: 99, error: 'Flowgate.Interrupted', cause: 'restart' } as const;
      const closed = await t.store.closeInterruptedExecutions(completion);
      expect([...closed].sort()).toStrictEqual([execution('orders', 'r1').arn, execution('other', 'r2').arn]);
      expect(await t.store.getExecution(execution('other', 'r2').arn)).toStrictEqual({
        ...execution('other', 'r2'),
        status: 'ABORTED',
        stopDate: 99,
        error: 'Flowgate.Interrupted',
        cause: 'restart',
      });
      expect(await t.store.getExecution(finished('orders', 'done', 7).arn)).toStrictEqual(finished('orders', 'done', 7));
      expect(await t.store.closeInterruptedExecutions(completion)).toStrictEqual([]);
    });
  });
}
