/** JSONata Fail: Error and Cause as literals or expressions. */
import { describe, expect, it } from 'vitest';
import type { Json } from '../index.js';
import { execute } from '../../test/support.js';

const fail = (fields: Record<string, Json>): Json => ({ QueryLanguage: 'JSONata', StartAt: 'F', States: { F: { Type: 'Fail', ...fields } } });

describe('JSONata Fail', () => {
  it('takes Error and Cause from expressions (AWS-recorded: no Cause, none reported)', async () => {
    expect((await execute(fail({ Error: '{% $states.input.error %}' }), { error: 'Exception' })).result).toMatchObject({ status: 'FAILED', error: 'Exception' });
    const both = await execute(fail({ Error: 'Literal', Cause: '{% "because " & $states.input.why %}' }), { why: 'reasons' });
    expect(both.result).toMatchObject({ error: 'Literal', cause: 'because reasons' });
    expect('cause' in (await execute(fail({ Error: 'E' }))).result).toBe(false);
  });

  it('fails with States.QueryEvaluationError when an expression gives no string', async () => {
    const { result } = await execute(fail({ Error: '{% $states.input.code %}' }), { code: 7 });
    expect(result).toMatchObject({ error: 'States.QueryEvaluationError' });
    expect(result.cause).toContain("specified for the field 'Error' returned an unexpected result type. Expected 'string', but was 'number' for value: 7");
  });
});
