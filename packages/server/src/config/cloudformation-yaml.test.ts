import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDocument } from './document-file.js';

const fixtures = fileURLToPath(new URL('../../test-fixtures/config/sam/', import.meta.url));

describe('CloudFormation YAML', () => {
  it('turns every short form into its long form', async () => {
    const document = await readDocument(`${fixtures}short-forms.yaml`, { cloudFormation: true });
    expect(document).toEqual({
      Ref: { Ref: 'Name' },
      Condition: { Condition: 'IsProd' },
      GetAtt: { 'Fn::GetAtt': ['Resource', 'Attribute'] },
      // The first dot separates the resource; attributes may contain dots.
      GetAttDotted: { 'Fn::GetAtt': ['Resource', 'Endpoint.Address'] },
      GetAttList: { 'Fn::GetAtt': ['Resource', 'Attribute'] },
      Sub: { 'Fn::Sub': '${AWS::Region}-x' },
      SubList: { 'Fn::Sub': ['${A}', { A: { Ref: 'Name' } }] },
      Join: { 'Fn::Join': [',', ['a', 'b']] },
      If: { 'Fn::If': ['IsProd', 'a', 'b'] },
      Select: { 'Fn::Select': [0, ['a']] },
      Equals: { 'Fn::Equals': ['a', 'b'] },
      Not: { 'Fn::Not': [{ Condition: 'IsProd' }] },
      And: { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] },
      Or: { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] },
      Split: { 'Fn::Split': [',', 'a,b'] },
      FindInMap: { 'Fn::FindInMap': ['Map', 'Top', 'Second'] },
      Base64: { 'Fn::Base64': 'text' },
      GetAZs: { 'Fn::GetAZs': '' },
      ImportValue: { 'Fn::ImportValue': 'export-name' },
      Cidr: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
      Transform: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 'x.yaml' } } },
      Anchored: { Ref: 'Name' },
      Alias: { Ref: 'Name' },
      // YAML 1.2: dates stay the strings CloudFormation sees.
      Version: '2012-10-17',
    });
  });

  it('refuses a tag CloudFormation does not know, with its line and column', async () => {
    await expect(readDocument(`${fixtures}errors/unknown-tag.yaml`, { cloudFormation: true })).rejects.toMatchObject({
      code: 'InvalidSyntax',
      position: { line: 5, column: 21 },
      rule: expect.stringContaining('Unresolved tag: !GetParam'),
    });
  });

  it('reads Flowgate files as plain YAML, where short forms are errors', async () => {
    await expect(readDocument(`${fixtures}short-forms.yaml`, { cloudFormation: false })).rejects.toMatchObject({ code: 'InvalidSyntax' });
  });

  it('never lets a document set a prototype', async () => {
    const { parseDocumentText } = await import('./document-file.js');
    const value = parseDocumentText('__proto__: { polluted: true }\nplain: 1\n', 'x.yaml', true) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'plain']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
