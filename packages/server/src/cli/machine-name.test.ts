import { describe, expect, it } from 'vitest';
import { machineNameFromFile } from './machine-name.js';

describe('machineNameFromFile', () => {
  it('takes the file name without its ASL extensions', () => {
    expect(machineNameFromFile('/x/order-pricing.asl.json')).toBe('order-pricing');
    expect(machineNameFromFile('flow.json')).toBe('flow');
    expect(machineNameFromFile('flow.asl.yaml')).toBe('flow');
  });

  it('keeps to the characters and length AWS allows in a name', () => {
    expect(machineNameFromFile('my flow (v2).json')).toBe('my-flow-v2');
    expect(machineNameFromFile(`${'a'.repeat(100)}.json`)).toHaveLength(80);
    expect(machineNameFromFile('...json')).toBe('flowgate');
  });
});
