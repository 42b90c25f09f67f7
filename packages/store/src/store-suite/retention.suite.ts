import { describe, expect, it } from 'vitest';
import { collectPages, events, execution, finished, machineArn, type SuiteContext } from './fixtures.js';

export function retentionCases(t: SuiteContext): void {
  describe('retention', () => {
    async function remaining(): Promise<string[]> {
      const names: string[] = [];
      for (const machine of ['orders', 'other']) {
        const { items } = await collectPages((after) =>
          t.store.listExecutions({
            stateMachineArn: machineArn(machine),
            limit: 100,
            ...(after !== undefined && { after }),
          }),
        );
        names.push(...items.map((e) => e.name));
      }
      return names.sort();
    }

    it('keeps the newest finished executions by stop date, never touching running ones', async () => {
      // Start order differs from stop order on purpose.
      await t.store.insertExecution(finished('orders', 'stop30', 30, { startDate: 1 }), events(1, 3));
      await t.store.insertExecution(finished('orders', 'stop10', 10, { startDate: 9 }), events(1, 3));
      await t.store.insertExecution(finished('other', 'stop20', 20, { startDate: 5, status: 'FAILED' }), events(1, 3));
      await t.store.insertExecution(finished('orders', 'stop40', 40, { startDate: 2, status: 'TIMED_OUT' }));
      await t.store.insertExecution(execution('orders', 'running1', { startDate: 0 }), events(1, 2));
      await t.store.insertExecution(execution('other', 'running2', { startDate: 0 }));

      expect(await t.store.pruneExecutions({ maxExecutions: 2 })).toBe(2);
      expect(await remaining()).toStrictEqual(['running1', 'running2', 'stop30', 'stop40']);
      expect(await t.store.getHistory(finished('orders', 'stop10', 10).arn, { limit: 10 })).toStrictEqual({ items: [] });
      expect((await t.store.getHistory(finished('orders', 'stop30', 30).arn, { limit: 10 })).items).toHaveLength(3);
      expect((await t.store.getHistory(execution('orders', 'running1').arn, { limit: 10 })).items).toHaveLength(2);

      expect(await t.store.pruneExecutions({ maxExecutions: 5 })).toBe(0);
      expect(await t.store.pruneExecutions({ maxExecutions: 0 })).toBe(2);
      expect(await remaining()).toStrictEqual(['running1', 'running2']);
    });

    it('deletes finished executions that stopped before a time', async () => {
      for (const stop of [10, 20, 30]) await t.store.insertExecution(finished('orders', `stop${stop}`, stop), events(1, 2));
      await t.store.insertExecution(execution('orders', 'running', { startDate: 1 }));
      expect(await t.store.pruneExecutions({ stoppedBefore: 20 })).toBe(1);
      expect(await remaining()).toStrictEqual(['running', 'stop20', 'stop30']);
      expect(await t.store.pruneExecutions({})).toBe(0);
    });

    it('applies both limits together', async () => {
      for (const stop of [10, 20, 30, 40, 50]) await t.store.insertExecution(finished('orders', `stop${stop}`, stop));
      expect(await t.store.pruneExecutions({ stoppedBefore: 25, maxExecutions: 2 })).toBe(3);
      expect(await remaining()).toStrictEqual(['stop40', 'stop50']);
    });

    it('prunes executions completed after they were inserted', async () => {
      const record = execution('orders', 'late', { startDate: 1 });
      await t.store.insertExecution(record, events(1, 1));
      expect(await t.store.pruneExecutions({ maxExecutions: 0 })).toBe(0);
      await t.store.completeExecution(record.arn, { status: 'SUCCEEDED', stopDate: 5, output: '{}' }, events(2, 2));
      expect(await t.store.pruneExecutions({ stoppedBefore: 6 })).toBe(1);
      expect(await t.store.getExecution(record.arn)).toBeUndefined();
    });

    it('prunes a backlog larger than one deletion chunk', async () => {
      const records = Array.from({ length: 1234 }, (_, i) => finished('orders', `b${String(i).padStart(4, '0')}`, 1000 + i));
      await Promise.all(records.map((record) => t.store.insertExecution(record, events(1, 2))));
      expect(await t.store.pruneExecutions({ maxExecutions: 34 })).toBe(1200);
      const kept = await remaining();
      expect(kept).toStrictEqual(records.slice(1200).map((r) => r.name));
    });
  });
}
