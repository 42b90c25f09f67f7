/**
 * The distributed Map over inline items: ItemBatcher, and the tolerated failure threshold
 * (ToleratedFailureCount/Percentage and their Path forms) with AWS's causes.
 */
import { describe, expect, it } from 'vitest';
import { createSimulatedClock } from '../index.js';
import type { Json } from '../index.js';
import { START_MS, execute, recordingPort } from '../../test/support.js';

const PASS_ITEM: Json = { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } };
/** Fails for items that are objects with `fail: true`, passes the others on. */
const MAYBE_FAIL: Json = {
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Variable: '$.fail', IsPresent: true, Next: 'Fail' }], Default: 'Ok' },
    Fail: { Type: 'Fail', Error: 'ItemFailed', Cause: 'bad item' },
    Ok: { Type: 'Pass', End: true },
  },
};

function distributed(fields: Record<string, Json>, processor: Json = PASS_ITEM): Json {
  const processorWithConfig = { ...(processor as Record<string, Json>), ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } };
  return { StartAt: 'Map', States: { Map: { Type: 'Map', MaxConcurrency: 1, ItemProcessor: processorWithConfig, End: true, ...fields } } };
}

const run = (definition: Json, input: Json) => execute(definition, input, { type: 'STANDARD' });
const PREFIX = "An error occurred while executing the state 'Map' (entered at the event id #2). ";

/** `count` items, those at `failing` indexes marked to fail. */
function items(count: number, failing: readonly number[] = []): Json[] {
  return Array.from({ length: count }, (_, index) => (failing.includes(index) ? { n: index, fail: true } : { n: index }));
}

describe('a distributed Map over inline items', () => {
  it('runs every item like an inline Map', async () => {
    const { result } = await run(distributed({ ItemsPath: '$.items' }), { items: [1, 2, 3] });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: [1, 2, 3] });
  });

  it('applies ItemSelector with $$.Map.Item.Value', async () => {
    const definition = distributed({ ItemsPath: '$.content.values', ItemSelector: { 'bucketName.$': '$.content.bucket', 'value.$': '$$.Map.Item.Value' } });
    const { result } = await run(definition, { content: { bucket: 'test-bucket', values: ['1', '2'] } });
    expect(result.output).toEqual([
      { bucketName: 'test-bucket', value: '1' },
      { bucketName: 'test-bucket', value: '2' },
    ]);
  });

  it('without any tolerance fails on the first failed item', async () => {
    const { result } = await run(distributed({}, MAYBE_FAIL), items(3, [1]));
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
  });
});

describe('ItemBatcher', () => {
  it('MaxItemsPerBatch groups items into {Items} iteration inputs', async () => {
    const { result } = await run(distributed({ ItemBatcher: { MaxItemsPerBatch: 2 } }), [1, 2, 3, 4, 5]);
    expect(result.output).toEqual([{ Items: [1, 2] }, { Items: [3, 4] }, { Items: [5] }]);
  });

  it('BatchInput is added to every batch', async () => {
    const definition = distributed({ ItemsPath: '$.items', ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'job.$': '$.job', fixed: true } } });
    const { result } = await run(definition, { items: ['a', 'b', 'c'], job: 'j1' });
    expect(result.output).toEqual([
      { Items: ['a', 'b'], BatchInput: { job: 'j1', fixed: true } },
      { Items: ['c'], BatchInput: { job: 'j1', fixed: true } },
    ]);
  });

  it('MaxInputBytesPerBatch limits the JSON size of each batch', async () => {
    // Each "xxxx" item is 6 bytes of JSON; with the array around them, two fit in 16 bytes.
    const { result } = await run(distributed({ ItemBatcher: { MaxInputBytesPerBatch: 16 } }), ['xxxx', 'xxxx', 'xxxx']);
    expect(result.output).toEqual([{ Items: ['xxxx', 'xxxx'] }, { Items: ['xxxx'] }]);
  });

  it('MaxItemsPerBatchPath reads the batch size from the input', async () => {
    const { result } = await run(distributed({ ItemsPath: '$.items', ItemBatcher: { MaxItemsPerBatchPath: '$.size' } }), { items: [1, 2, 3], size: 3 });
    expect(result.output).toEqual([{ Items: [1, 2, 3] }]);
  });

  it('a batch is one iteration', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, (request) => request.payload);
    const processor: Json = { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } };
    const { result } = await execute(distributed({ ItemBatcher: { MaxItemsPerBatch: 2 } }, processor), [1, 2, 3], { type: 'STANDARD', clock, taskPort: port });
    expect(result.status).toBe('SUCCEEDED');
    expect(port.calls.map((call) => call.payload)).toEqual([{ Items: [1, 2] }, { Items: [3] }]);
  });
});

describe('ToleratedFailureCount', () => {
  it('tolerates up to that many failed items; their error outputs take their place', async () => {
    const { result } = await run(distributed({ ToleratedFailureCount: 2 }, MAYBE_FAIL), items(4, [0, 2]));
    expect(result).toMatchObject({
      status: 'SUCCEEDED',
      output: [{ Error: 'ItemFailed', Cause: 'bad item' }, { n: 1 }, { Error: 'ItemFailed', Cause: 'bad item' }, { n: 3 }],
    });
  });

  it('one more failure fails the Map with States.ExceedToleratedFailureThreshold', async () => {
    const { result, events } = await run(distributed({ ToleratedFailureCount: 1 }, MAYBE_FAIL), items(4, [0, 2]));
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'The specified tolerated failure threshold was exceeded',
    });
    expect(events.at(-2)?.type).toBe('MapStateFailed');
  });

  it('0 tolerates no failure', async () => {
    const { result } = await run(distributed({ ToleratedFailureCount: 0 }, MAYBE_FAIL), items(3, [2]));
    expect(result.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  it('the threshold error can be caught', async () => {
    const definition = distributed({ ToleratedFailureCount: 0, Catch: [{ ErrorEquals: ['States.ExceedToleratedFailureThreshold'], Next: 'Caught' }] }, MAYBE_FAIL);
    const map = (definition as { States: { Map: Record<string, Json> } }).States.Map;
    delete map.End;
    map.Next = 'Caught';
    (definition as { States: Record<string, Json> }).States.Caught = { Type: 'Pass', End: true };
    const { result } = await run(definition, items(1, [0]));
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { Error: 'States.ExceedToleratedFailureThreshold' } });
  });
});

describe('ToleratedFailurePercentage', () => {
  it('tolerates failures up to that share of the items', async () => {
    const { result } = await run(distributed({ ToleratedFailurePercentage: 25 }, MAYBE_FAIL), items(4, [3]));
    expect(result.status).toBe('SUCCEEDED');
  });

  it('a larger share fails the Map', async () => {
    const { result } = await run(distributed({ ToleratedFailurePercentage: 24.9 }, MAYBE_FAIL), items(4, [3]));
    expect(result.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  it('100 tolerates every failure', async () => {
    const { result } = await run(distributed({ ToleratedFailurePercentage: 100 }, MAYBE_FAIL), items(2, [0, 1]));
    expect(result.status).toBe('SUCCEEDED');
  });

  it('either threshold is enough when both are given', async () => {
    const both = { ToleratedFailureCount: 1, ToleratedFailurePercentage: 10 };
    expect((await run(distributed(both, MAYBE_FAIL), items(4, [0]))).result.status).toBe('SUCCEEDED');
    expect((await run(distributed(both, MAYBE_FAIL), items(4, [0, 1]))).result.status).toBe('FAILED');
  });
});

describe('the Path forms', () => {
  it('ToleratedFailureCountPath reads the count from the input', async () => {
    const definition = distributed({ ItemsPath: '$.items', ToleratedFailureCountPath: '$.tolerated' }, MAYBE_FAIL);
    expect((await run(definition, { items: items(3, [1]), tolerated: 1 })).result.status).toBe('SUCCEEDED');
    expect((await run(definition, { items: items(3, [1]), tolerated: 0 })).result.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  it('ToleratedFailurePercentagePath reads the percentage from the input', async () => {
    const definition = distributed({ ItemsPath: '$.items', ToleratedFailurePercentagePath: '$.tolerated' }, MAYBE_FAIL);
    expect((await run(definition, { items: items(2, [1]), tolerated: 50 })).result.status).toBe('SUCCEEDED');
    expect((await run(definition, { items: items(2, [1]), tolerated: 1.1 })).result.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  it('a count that is not an integer fails with AWS’s cause', async () => {
    const definition = distributed({ ItemsPath: '$.Items', ToleratedFailureCountPath: '$.ToleratedFailureCount' });
    for (const [value, shown] of [
      ['NoNumber', 'NoNumber'],
      [{}, '{}'],
      [1.5, '1.5'],
    ] as const) {
      const { result } = await run(definition, { Items: [0], ToleratedFailureCount: value });
      expect(result).toMatchObject({
        status: 'FAILED',
        error: 'States.Runtime',
        cause: `${PREFIX}The ToleratedFailureCountPath field refers to value "${shown}" which is not a valid integer: $.ToleratedFailureCount`,
      });
    }
  });

  it('a percentage that is not a number fails with AWS’s cause', async () => {
    const definition = distributed({ ItemsPath: '$.Items', ToleratedFailurePercentagePath: '$.ToleratedFailurePercentage' });
    for (const [value, shown] of [
      ['NoNumber', 'NoNumber'],
      [{}, '{}'],
    ] as const) {
      const { result } = await run(definition, { Items: [0], ToleratedFailurePercentage: value });
      expect(result).toMatchObject({
        status: 'FAILED',
        error: 'States.Runtime',
        cause: `${PREFIX}The ToleratedFailurePercentagePath field refers to value "${shown}" which is not a valid float: $.ToleratedFailurePercentage`,
      });
    }
  });

  it('a percentage outside 0..100 fails with AWS’s cause', async () => {
    const definition = distributed({ ItemsPath: '$.Items', ToleratedFailurePercentagePath: '$.ToleratedFailurePercentage' });
    for (const value of [-1.1, 100.1]) {
      const { result } = await run(definition, { Items: [0], ToleratedFailurePercentage: value });
      expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: `${PREFIX}ToleratedFailurePercentage must be between 0 and 100.` });
    }
    for (const value of [0, 1, 1.1, 100]) {
      const { result } = await run(definition, { Items: [0], ToleratedFailurePercentage: value });
      expect(result, String(value)).toMatchObject({ status: 'SUCCEEDED', output: [0] });
    }
  });

  it('a count of 0 from the path is valid', async () => {
    const definition = distributed({ ItemsPath: '$.Items', ToleratedFailureCountPath: '$.ToleratedFailureCount' });
    const { result } = await run(definition, { Items: [0], ToleratedFailureCount: 0 });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: [0] });
  });
});

describe('numbers written as strings', () => {
  it('the tolerance paths read "1" as 1, as MaxConcurrencyPath does (AWS-recorded there)', async () => {
    const definition = distributed({ ItemsPath: '$.Items', ToleratedFailureCountPath: '$.count', ToleratedFailurePercentagePath: '$.percentage' }, MAYBE_FAIL);
    const { result } = await run(definition, { Items: items(3, [1]), count: '1', percentage: '1' });
    expect(result.status).toBe('SUCCEEDED');
  });
});

describe('a distributed JSONata Map', () => {
  // The Map alone is JSONata; its processor's states keep the machine's JSONPath.
  const jsonata = (fields: Record<string, Json>, processor: Json = PASS_ITEM): Json => distributed({ QueryLanguage: 'JSONata', ...fields }, processor);

  it('batches with ItemBatcher fields from expressions', async () => {
    const definition = jsonata({ ItemBatcher: { MaxItemsPerBatch: '{% $states.input.size %}', BatchInput: { tag: '{% $states.input.tag %}' } }, Items: '{% $states.input.list %}' });
    const { result } = await run(definition, { size: 2, tag: 't', list: [1, 2, 3] });
    expect(result.output).toEqual([
      { Items: [1, 2], BatchInput: { tag: 't' } },
      { Items: [3], BatchInput: { tag: 't' } },
    ]);
  });

  it('tolerates failures up to ToleratedFailureCount from an expression', async () => {
    const definition = jsonata({ ToleratedFailureCount: '{% $states.input.allowed %}', Items: '{% $states.input.list %}' }, MAYBE_FAIL);
    expect((await run(definition, { allowed: 1, list: items(3, [1]) })).result.status).toBe('SUCCEEDED');
    expect((await run(definition, { allowed: 0, list: items(3, [1]) })).result).toMatchObject({ error: 'States.ExceedToleratedFailureThreshold' });
  });
});
