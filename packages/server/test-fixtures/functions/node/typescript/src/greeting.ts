export interface Greeting {
  readonly text: string;
  readonly length: number;
}

export function greet(name: string): Greeting {
  const text = `Hello, ${name}!`;
  return { text, length: text.length };
}
