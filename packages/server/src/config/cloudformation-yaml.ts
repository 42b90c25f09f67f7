import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type Tags } from 'yaml';
import { syntaxError } from './config-error.js';

/**
 * YAML as CloudFormation reads it: the short forms of intrinsic functions (`!Ref X`,
 * `!GetAtt Fn.Arn`, `!Sub "…"`) become their long forms (`{ "Ref": "X" }`,
 * `{ "Fn::GetAtt": ["Fn", "Arn"] }`, `{ "Fn::Sub": "…" }`), so the evaluator only ever sees
 * the JSON shape of a template.
 *
 * The YAML 1.2 core schema is used, so `2010-09-09` and `2012-10-17` stay strings as
 * CloudFormation keeps them. A tag CloudFormation does not know is an error, as it is there.
 */

/** Every short form CloudFormation's YAML parser accepts. */
const SHORT_FORMS = [
  'Ref',
  'Condition',
  'GetAtt',
  'Sub',
  'Join',
  'If',
  'Select',
  'Equals',
  'Not',
  'And',
  'Or',
  'Split',
  'FindInMap',
  'Base64',
  'GetAZs',
  'ImportValue',
  'Cidr',
  'Transform',
] as const;

// The tags only mark nodes; `toPlain` below builds the long forms once the tree is complete, so
// nested short forms (`!Join [",", [!Ref A, !GetAtt B.Arn]]`) need no special order.
const CLOUDFORMATION_TAGS: Tags = SHORT_FORMS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (value: Node) => value },
  { tag: `!${name}`, collection: 'map' as const, resolve: (value: Node) => value },
]);

/** Parses YAML text; with `cloudFormation`, the short forms of intrinsic functions are understood. */
export function parseYaml(text: string, file: string, cloudFormation: boolean): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    customTags: cloudFormation ? CLOUDFORMATION_TAGS : [],
    prettyErrors: false,
    uniqueKeys: true,
    lineCounter,
  });
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem !== undefined) {
    const position = lineCounter.linePos(problem.pos[0]);
    throw syntaxError(file, problem.message.split('\n')[0] ?? problem.message, { line: position.line, column: position.col });
  }
  return toPlain(document.contents, document);
}

function toPlain(node: unknown, document: Document): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return toPlain(node.resolve(document), document);
  let value: unknown;
  if (isScalar(node)) {
    value = node.value;
  } else if (isSeq(node)) {
    value = node.items.map((item) => toPlain(item, document));
  } else if (isMap(node)) {
    const record: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(toPlain(pair.key, document));
      // Own data properties even for `__proto__`: a document must never reach a prototype.
      Object.defineProperty(record, key, { value: toPlain(pair.value, document), enumerable: true, writable: true, configurable: true });
    }
    value = record;
  } else {
    return null;
  }
  const tag = (node as { tag?: string }).tag;
  return tag !== undefined && tag.startsWith('!') && !tag.startsWith('!!') ? longForm(tag.slice(1), value) : value;
}

function longForm(name: string, value: unknown): unknown {
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  // `!GetAtt Resource.Attribute`: the first dot separates; attributes may hold more (`Endpoint.Address`).
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}
