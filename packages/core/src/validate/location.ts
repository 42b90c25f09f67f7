/**
 * Diagnostic locations in AWS's notation.
 *
 * AWS's locations look like JSON Pointers for object members (`/States/Pass/Next`) but write
 * array positions in brackets: `/States/C/Choices[0]/Next`, `/States/T/Catch[0]/Next`,
 * `/States/P/Branches[0]` [measured: floci-io/floci #2786]. The whole definition is `/`
 * (`These fields are required: [StartAt]` at `/` [recorded]). Member names are escaped as in
 * RFC 6901 (`~` → `~0`, `/` → `~1`) so a state named `a/b` cannot be mistaken for a nesting;
 * AWS itself prints names raw (`at /States/Pass One`), which is identical whenever a name holds
 * neither character.
 *
 * Internally the root is the empty string so that children compose by concatenation;
 * `displayLocation` turns it into AWS's `/`.
 */
export const ROOT_LOCATION = '';

export function escapeSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function childLocation(parent: string, name: string): string {
  return `${parent}/${escapeSegment(name)}`;
}

export function itemLocation(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

export function displayLocation(location: string): string {
  return location === ROOT_LOCATION ? '/' : location;
}
