/** The Fail state: Error and Cause, literal or from ErrorPath/CausePath. */
import { describe, expect, it } from 'vitest';
import type { Json } from '../index.js';
import { execute, typesOf } from '../../test/support.js';

const fail = (fields: Record<string, Json>): Json => ({ StartAt: 'F', States: { F: { Type: 'Fail', ...fields } } });

describe('Fail', () => {
  it('fails the execution with its Error and Cause', async () => {
    const { result, events } = await execute(fail({ Error: 'SomeFailure', Cause: "This state machines raises a 'SomeFailure' failure." }));
    expect(result).toMatchObject({ status: 'FAILED', error: 'SomeFailure', cause: "This state machines raises a 'SomeFailure' failure." });
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
    expect(events[2]).toMatchObject({
      id: 3,
      previousEventId: 2,
      executionFailedEventDetails: { error: 'SomeFailure', cause: "This state machines raises a 'SomeFailure' failure." },
    });
  });

  it('without Error or Cause fails with neither', async () => {
    const { result, events } = await execute(fail({}));
    expect(result.status).toBe('FAILED');
    expect(result).not.toHaveProperty('error');
    expect(result).not.toHaveProperty('cause');
    expect(events[2]?.['executionFailedEventDetails']).toEqual({});
  });

  it('ErrorPath and CausePath read from the input', async () => {
    const { result } = await execute(fail({ ErrorPath: '$.Error', CausePath: '$.Cause' }), { Error: 'error string', Cause: 'cause string' });
    expect(result).toMatchObject({ error: 'error string', cause: 'cause string' });
  });

  it('CausePath may be an intrinsic function call', async () => {
    const { result } = await execute(
      fail({ ErrorPath: '$.Error', CausePath: "States.Format('This is a custom error message for {}, caused by {}.', $.Error, $.Cause)" }),
      { Error: 'error string', Cause: 'cause string' },
    );
    expect(result).toMatchObject({ error: 'error string', cause: 'This is a custom error message for error string, caused by cause string.' });
  });

  it('ErrorPath may read the context object', async () => {
    const { result } = await execute(fail({ ErrorPath: '$$.State.Name', Cause: 'c' }));
    expect(result).toMatchObject({ error: 'F', cause: 'c' });
  });

  it('an ErrorPath that finds nothing is a States.Runtime error', async () => {
    const { result } = await execute(fail({ ErrorPath: '$.missing' }), {});
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(result.cause).toMatch(/^An error occurred while executing the state 'F' \(entered at the event id #2\)\. /);
  });

  it('a Fail inside a Map iteration fails the Map with that error', async () => {
    const definition: Json = {
      StartAt: 'Map',
      States: {
        Map: { Type: 'Map', ItemProcessor: { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Inner', Cause: 'inside' } } }, End: true },
      },
    };
    const { result } = await execute(definition, [1]);
    expect(result).toMatchObject({ status: 'FAILED', error: 'Inner', cause: 'inside' });
  });

  it('after other states, Fail is reached through Next', async () => {
    const definition: Json = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'F' }, F: { Type: 'Fail', Error: 'E' } } };
    const { result, events } = await execute(definition);
    expect(result.error).toBe('E');
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'FailStateEntered', 'ExecutionFailed']);
  });
});
