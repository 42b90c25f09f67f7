/**
 * What a parsed JSONata expression reads, found once when the definition is compiled: the
 * variables it names (so that only those are bound per evaluation), whether it needs the
 * context object, whether it is a constant or a plain reference (answered without the
 * library), and the references AWS refuses at creation.
 */

/** The parts of the library's syntax tree this module reads. */
export interface AstNode {
  readonly type: string;
  readonly value?: unknown;
  readonly steps?: readonly AstNode[];
  readonly stages?: readonly AstNode[];
  readonly predicate?: readonly AstNode[];
  readonly group?: { readonly lhs?: readonly (readonly AstNode[])[] };
  readonly expressions?: readonly AstNode[];
  readonly lhs?: AstNode | readonly (readonly AstNode[])[];
  readonly rhs?: AstNode;
  readonly expr?: AstNode;
  readonly condition?: AstNode;
  readonly then?: AstNode;
  readonly else?: AstNode;
  readonly procedure?: AstNode;
  readonly arguments?: readonly AstNode[];
  readonly body?: AstNode;
  readonly terms?: readonly { readonly expression?: AstNode }[];
  readonly pattern?: AstNode;
  readonly update?: AstNode;
  readonly delete?: AstNode;
}

/** `$states.<field>` reads that need nothing more than the state's own values. */
const PLAIN_STATES_FIELDS = new Set(['input', 'result', 'errorOutput']);

export interface ExpressionFacts {
  /** Every `$name` the expression mentions, `states` and function names included. */
  readonly variables: ReadonlySet<string>;
  /** Whether it may read `$states.context` (or `$states` as a whole). */
  readonly readsContext: boolean;
  /** A reference AWS refuses: a field read from the (absent) top-level context, or `$$`. */
  readonly unsupported: string | undefined;
}

/** Walks every node below `node`, whatever its kind. */
function children(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  const add = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) add(item);
    else if (typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string') out.push(value as AstNode);
    else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) add(item);
  };
  for (const key of Object.keys(node)) {
    if (key === 'value' || key === 'type' || key === 'position') continue;
    add((node as unknown as Record<string, unknown>)[key]);
  }
  return out;
}

export function analyse(root: AstNode): ExpressionFacts {
  const variables = new Set<string>();
  let readsContext = false;
  const stack: AstNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AstNode;
    if (node.type === 'variable' && typeof node.value === 'string') variables.add(node.value);
    if (node.type === 'path' && node.steps !== undefined) {
      const [first, second] = node.steps;
      if (first?.type === 'variable' && first.value === 'states') {
        const plain = second?.type === 'name' && PLAIN_STATES_FIELDS.has(second.value as string);
        if (!plain) readsContext = true;
      }
    }
    for (const child of children(node)) stack.push(child);
  }
  // A bare `$states` (not the head of a path) hands out the whole object, context included.
  if (variables.has('states') && !readsContext && mentionsBareStates(root)) readsContext = true;
  return { variables, readsContext, unsupported: findUnsupported(root) };
}

function mentionsBareStates(root: AstNode): boolean {
  const stack: { node: AstNode; headOfPath: boolean }[] = [{ node: root, headOfPath: false }];
  while (stack.length > 0) {
    const { node, headOfPath } = stack.pop() as { node: AstNode; headOfPath: boolean };
    if (node.type === 'variable' && node.value === 'states' && !headOfPath) return true;
    if (node.type === 'path' && node.steps !== undefined) {
      node.steps.forEach((step, index) => {
        const isHead = index === 0 && node.steps !== undefined && node.steps.length > 1;
        stack.push({ node: step, headOfPath: isHead });
      });
      continue;
    }
    for (const child of children(node)) stack.push({ node: child, headOfPath: false });
  }
  return false;
}

/**
 * AWS evaluates an expression with no context item: a path that starts with a field name at
 * the top level reads nothing, and AWS refuses it at creation (measured: `Reference to
 * 'phone' at the top level is not supported.`), as it refuses `$$` anywhere (`Reference to
 * '$$' is not supported.`). Only the first step of a path is read against the top level; a
 * later step, a predicate or a grouping has a context of its own. A function body keeps the
 * context of the place it is written.
 */
function findUnsupported(root: AstNode): string | undefined {
  const stack: { node: AstNode; top: boolean }[] = [{ node: root, top: true }];
  while (stack.length > 0) {
    const { node, top } = stack.pop() as { node: AstNode; top: boolean };
    if (node.type === 'variable' && node.value === '$') return "Reference to '$$' is not supported.";
    if (top && node.type === 'name' && typeof node.value === 'string') {
      return `Reference to '${node.value}' at the top level is not supported.`;
    }
    const push = (child: AstNode | undefined, childTop: boolean): void => {
      if (child !== undefined) stack.push({ node: child, top: childTop });
    };
    switch (node.type) {
      case 'path':
        (node.steps ?? []).forEach((step, index) => push(step, top && index === 0));
        pushAll(node, ['group'], stack);
        break;
      case 'binary':
      case 'apply':
        push(node.lhs as AstNode | undefined, top);
        push(node.rhs, top);
        break;
      case 'bind':
        push(node.rhs, top);
        break;
      case 'condition':
        push(node.condition, top);
        push(node.then, top);
        push(node.else, top);
        break;
      case 'block':
        for (const expression of node.expressions ?? []) push(expression, top);
        break;
      case 'unary':
        if (node.value === '[') for (const expression of node.expressions ?? []) push(expression, top);
        else if (node.value === '{') for (const pair of (node.lhs ?? []) as readonly (readonly AstNode[])[]) for (const part of pair) push(part, top);
        else push(node.expr, top);
        break;
      case 'function':
      case 'partial':
        push(node.procedure, top);
        for (const argument of node.arguments ?? []) push(argument, top);
        break;
      case 'lambda':
        push(node.body, top);
        break;
      default:
        // Anything else (filters, sort terms, transforms…) has a context of its own.
        for (const child of children(node)) push(child, false);
        continue;
    }
    pushAll(node, ['stages', 'predicate'], stack);
  }
  return undefined;
}

function pushAll(node: AstNode, keys: readonly string[], stack: { node: AstNode; top: boolean }[]): void {
  for (const key of keys) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
    for (const child of children({ type: 'holder', [key]: value } as unknown as AstNode)) stack.push({ node: child, top: false });
  }
}

/** A node the library would answer with its literal value (`1`, `'a'`, `true`, `null`). */
export function constantOf(node: AstNode): { readonly value: unknown } | undefined {
  if (node.type !== 'string' && node.type !== 'number' && node.type !== 'value') return undefined;
  if (!hasOnly(node, ['type', 'value', 'position'])) return undefined;
  return { value: node.value };
}

/** `$name.a.b` or `$states.input.x`: a variable followed by plain field names. */
export interface Reference {
  readonly variable: string;
  readonly fields: readonly string[];
}

export function referenceOf(node: AstNode): Reference | undefined {
  if (node.type === 'variable') {
    if (!hasOnly(node, ['type', 'value', 'position']) || !isNamedVariable(node.value)) return undefined;
    return { variable: node.value, fields: [] };
  }
  if (node.type !== 'path' || !hasOnly(node, ['type', 'steps']) || node.steps === undefined) return undefined;
  const [head, ...rest] = node.steps;
  if (head === undefined || head.type !== 'variable' || !isNamedVariable(head.value)) return undefined;
  if (!hasOnly(head, ['type', 'value', 'position'])) return undefined;
  const fields: string[] = [];
  for (const step of rest) {
    if (step.type !== 'name' || typeof step.value !== 'string' || !hasOnly(step, ['type', 'value', 'position'])) return undefined;
    fields.push(step.value);
  }
  return { variable: head.value, fields };
}

function isNamedVariable(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value !== '$';
}

function hasOnly(node: AstNode, keys: readonly string[]): boolean {
  for (const key of Object.keys(node)) if (!keys.includes(key)) return false;
  return true;
}
