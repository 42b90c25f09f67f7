import { defineProject } from 'flowgate';

const greeting = {
  StartAt: 'Greet',
  States: { Greet: { Type: 'Pass', Result: { greeting: 'hello' }, End: true } },
};

export default defineProject({
  workflows: { greet: { definition: greeting } },
  routes: [{ method: 'GET', path: '/greeting', workflow: 'greet' }],
  responses: { exposeCause: true },
});
