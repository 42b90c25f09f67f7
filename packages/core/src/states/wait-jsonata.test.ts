/** JSONata Wait: Seconds and Timestamp as literals or expressions, on the simulated clock. */
import { describe, expect, it } from 'vitest';
import type { Json } from '../index.js';
import { START_MS, execute } from '../../test/support.js';

const wait = (fields: Record<string, Json>): Json => ({ QueryLanguage: 'JSONata', StartAt: 'W', States: { W: { Type: 'Wait', End: true, ...fields } } });
const PREFIX = "An error occurred while executing the state 'W' (entered at the event id #2). ";

describe('JSONata Wait', () => {
  it('waits the Seconds an expression gives, then passes the input on', async () => {
    const { result, elapsedMs } = await execute(wait({ Seconds: '{% $states.input.s %}' }), { s: 3 });
    expect(result.output).toEqual({ s: 3 });
    expect(elapsedMs).toBe(3000);
  });

  it('waits until the Timestamp an expression gives, with Output and Assign after the wait', async () => {
    const at = new Date(START_MS + 5000).toISOString();
    const { result, elapsedMs } = await execute(wait({ Timestamp: '{% $states.input.at %}', Output: '{% $states.context.State.Name %}' }), { at });
    expect(elapsedMs).toBe(5000);
    expect(result.output).toBe('W');
  });

  it('accepts nanoseconds and does not wait for a past time (AWS-recorded)', async () => {
    const { result, elapsedMs } = await execute(wait({ Timestamp: '{% $states.input.t %}' }), { t: '2016-03-05T21:29:29.243167252Z' });
    expect(result.status).toBe('SUCCEEDED');
    expect(elapsedMs).toBe(0);
  });

  it('fails a Timestamp that is no ISO-8601 date-time (AWS-recorded cause)', async () => {
    for (const value of ['2016-13-05T21:29:29Z', '2016-12-05 21:29:29Z', '2016-12-05T21:29:29']) {
      const { result } = await execute(wait({ Timestamp: '{% $states.input.t %}' }), { t: value });
      expect(result).toMatchObject({
        status: 'FAILED',
        error: 'States.QueryEvaluationError',
        cause: `${PREFIX}The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${value}`,
      });
    }
  });

  it('fails Seconds that are not a non-negative integer', async () => {
    const { result } = await execute(wait({ Seconds: '{% $states.input.s %}' }), { s: 'soon' });
    expect(result.cause).toBe(
      `${PREFIX}The JSONata expression '$states.input.s' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was 'string' for value: "soon"`,
    );
    expect((await execute(wait({ Seconds: '{% -1 %}' }))).result.error).toBe('States.QueryEvaluationError');
  });
});
