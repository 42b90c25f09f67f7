/**
 * What a configuration asks for that Flowgate cannot emulate. Each topic is reported once, with
 * every place that met it (`AWS::DynamoDB::Table is not emulated and was skipped: Orders, Audit`),
 * so a large template yields a short list instead of one line per resource.
 */
export interface WarningLog {
  report(topic: string, subject: string): void;
  list(): string[];
}

export function createWarningLog(): WarningLog {
  const subjects = new Map<string, string[]>();
  return {
    report(topic, subject) {
      const seen = subjects.get(topic);
      if (seen === undefined) subjects.set(topic, [subject]);
      else if (!seen.includes(subject)) seen.push(subject);
    },
    list() {
      return [...subjects].map(([topic, names]) => `${topic}: ${names.join(', ')}`);
    },
  };
}
