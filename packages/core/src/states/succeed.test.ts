/** The Succeed state: ends its (sub-)machine successfully with its output. */
import { describe, expect, it } from 'vitest';
import type { Json } from '../index.js';
import { execute, typesOf } from '../../test/support.js';

describe('Succeed', () => {
  it('ends the execution with its input as output', async () => {
    const { result, events } = await execute({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }, { a: 1 });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { a: 1 } });
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'SucceedStateEntered', 'SucceedStateExited', 'ExecutionSucceeded']);
  });

  it('applies InputPath then OutputPath', async () => {
    const definition: Json = { StartAt: 'Done', States: { Done: { Type: 'Succeed', InputPath: '$.a', OutputPath: '$.b' } } };
    const { result } = await execute(definition, { a: { b: 'inner' } });
    expect(result.output).toBe('inner');
  });

  it('in a Map iteration ends only that iteration', async () => {
    const definition: Json = {
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map',
          ItemsPath: '$.items',
          ResultPath: '$.mapped',
          ItemProcessor: { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } },
          Next: 'After',
        },
        After: { Type: 'Pass', Result: 'after', ResultPath: '$.after', End: true },
      },
    };
    const { result } = await execute(definition, { items: [1, 2] });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { items: [1, 2], mapped: [1, 2], after: 'after' } });
  });
});
