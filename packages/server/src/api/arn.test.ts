import { describe, expect, it } from 'vitest';
import { isValidAliasName, isValidName, parseExecutionArn, parseStateMachineArn } from './arn.js';

const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:orders';

describe('state machine ARNs', () => {
  it('tells unqualified, version and alias ARNs apart', () => {
    expect(parseStateMachineArn(MACHINE)).toEqual({ kind: 'machine', machineArn: MACHINE, name: 'orders' });
    expect(parseStateMachineArn(`${MACHINE}:12`)).toMatchObject({ kind: 'version', version: 12, machineArn: MACHINE });
    expect(parseStateMachineArn(`${MACHINE}:live`)).toMatchObject({ kind: 'alias', alias: 'live', machineArn: MACHINE });
    // A name of digits with a letter is an alias, never a version.
    expect(parseStateMachineArn(`${MACHINE}:1a`)).toMatchObject({ kind: 'alias' });
  });

  it('refuses what is not a state machine ARN with AWS messages', () => {
    expect(() => parseStateMachineArn('orders')).toThrow("Invalid Arn: 'Invalid ARN prefix: orders'");
    expect(() => parseStateMachineArn('arn:aws:states:us-east-1:123456789012:activity:x')).toThrow(
      "Invalid Arn: 'Resource type not valid in this context: activity'",
    );
    expect(() => parseStateMachineArn(`${MACHINE}/label`)).toThrow(/labelled/);
    expect(() => parseStateMachineArn(`${MACHINE}:1:2`)).toThrow(/Invalid ARN prefix/);
  });
});

describe('execution ARNs', () => {
  it('reads standard and express execution ARNs', () => {
    expect(parseExecutionArn('arn:aws:states:us-east-1:123456789012:execution:orders:run-1')).toEqual({ express: false, machineArn: MACHINE });
    expect(parseExecutionArn('arn:aws:states:us-east-1:123456789012:express:orders:run-1:abc')).toEqual({ express: true, machineArn: MACHINE });
    expect(() => parseExecutionArn('arn:aws:states:us-east-1:123456789012:express:orders:run-1')).toThrow(/Invalid ARN prefix/);
    expect(() => parseExecutionArn(MACHINE)).toThrow("Resource type not valid in this context: stateMachine");
  });
});

describe('names', () => {
  it('follows AWS rules for machine and execution names', () => {
    expect(isValidName('order-pricing_v2')).toBe(true);
    expect(isValidName('x'.repeat(80))).toBe(true);
    expect(isValidName('x'.repeat(81))).toBe(false);
    for (const bad of ['', 'a b', 'a:b', 'a/b', 'a*b', 'a\u0001b', 'a\ud800b', 'a{b']) expect(isValidName(bad), bad).toBe(false);
    expect(isValidName('été')).toBe(true);
  });

  it('needs a non-digit in an alias name', () => {
    expect(isValidAliasName('prod')).toBe(true);
    expect(isValidAliasName('v1.2')).toBe(true);
    expect(isValidAliasName('123')).toBe(false);
    expect(isValidAliasName('a b')).toBe(false);
  });
});
