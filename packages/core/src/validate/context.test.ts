import { describe, expect, it } from 'vitest';
import { childLocation, displayLocation, escapeSegment, itemLocation, ROOT_LOCATION } from './context.js';

describe('locations', () => {
  it('composes members with slashes and positions with brackets, as AWS prints them', () => {
    const choice = childLocation(childLocation(ROOT_LOCATION, 'States'), 'C');
    expect(childLocation(itemLocation(childLocation(choice, 'Choices'), 0), 'Next')).toBe('/States/C/Choices[0]/Next');
  });

  it('escapes ~ and / in names as RFC 6901 does', () => {
    expect(escapeSegment('a/b~c')).toBe('a~1b~0c');
    expect(childLocation('/States', 'x/y')).toBe('/States/x~1y');
  });

  it('keeps other characters, spaces included, raw', () => {
    expect(childLocation('/States', 'Pass One')).toBe('/States/Pass One');
  });

  it('shows the root as /', () => {
    expect(displayLocation(ROOT_LOCATION)).toBe('/');
    expect(displayLocation('/StartAt')).toBe('/StartAt');
  });
});
