import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findApplication, findApplicationFile } from './find-application.js';

const fixtures = fileURLToPath(new URL('../../test-fixtures/config/', import.meta.url));

describe('finding the application of a folder', () => {
  it('prefers a Flowgate project to a SAM template beside it', async () => {
    expect(findApplicationFile(`${fixtures}find/both`)).toEqual({ kind: 'project', file: `${fixtures}find/both/flowgate.yaml` });
    const app = await findApplication(`${fixtures}find/both`);
    expect(app.workflows.map((w) => [w.name, w.type])).toEqual([['hello', 'EXPRESS']]);
  });

  it('finds template.yaml, template.yml or template.json otherwise', async () => {
    expect(findApplicationFile(`${fixtures}sam/order-api`)).toEqual({ kind: 'sam-template', file: `${fixtures}sam/order-api/template.yaml` });
    const app = await findApplication(`${fixtures}find/yml-template`);
    expect(app.workflows.map((w) => [w.name, w.type])).toEqual([['Hello', 'EXPRESS']]);
  });

  it('reads JSON templates, long-form intrinsics included', async () => {
    const app = await findApplication(`${fixtures}find/json-template`);
    expect(app.workflows.map((w) => [w.name, JSON.parse(w.definition).States.Greet.Result])).toEqual([['greeter-us-east-1', 'hello, world']]);
  });

  it('passes load options to the loader it picks', async () => {
    const app = await findApplication(`${fixtures}sam/order-api`, { parameters: { Stage: 'prod' } });
    expect(app.workflows.map((w) => w.name)).toEqual(['order-workflow-prod']);
  });

  it('names every file it looked for when there is none', async () => {
    expect(findApplicationFile(`${fixtures}find/nothing`)).toBeUndefined();
    await expect(findApplication(`${fixtures}find/nothing`)).rejects.toThrow(
      'no such file (looked for flowgate.config.ts, flowgate.yaml, flowgate.yml, flowgate.json, template.yaml, template.yml, template.json)',
    );
  });
});
