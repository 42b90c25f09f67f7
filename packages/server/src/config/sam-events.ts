import { type At, child } from './config-error.js';
import { expectRecord, expectString, isRecord, type Record_ } from './document-checks.js';
import { propertyAt, type SamContext, type SamResource } from './sam-context.js';

/** An event source of a function or state machine that Flowgate serves as an API route. */
export interface ApiEventSource {
  readonly eventId: string;
  readonly at: At;
  readonly type: string;
  readonly properties: Record_;
  readonly propertiesAt: At;
}

/**
 * The `Events` of a resource whose type is one of `served`, with their properties evaluated
 * and a warning for the authorizers Flowgate does not run. Other types are reported with
 * `notServed` and their properties never evaluated. `Properties` may be left out only where
 * `propertiesOptional` (a function's catch-all HttpApi event has none).
 */
export function apiEventSources(
  resource: SamResource,
  cx: SamContext,
  served: readonly string[],
  notServed: (type: string) => string,
  propertiesOptional: boolean,
): ApiEventSource[] {
  const events = resource.properties.Events;
  if (events === undefined) return [];
  const sources: ApiEventSource[] = [];
  for (const [eventId, event] of Object.entries(expectRecord(events, propertyAt(resource, 'Events')))) {
    const at = propertyAt(resource, 'Events', eventId);
    // The type first: the properties of an event Flowgate skips are never evaluated.
    const raw = expectRecord(event, at, 'an event source (an object with Type and Properties)');
    const type = expectString(cx.evaluator.property(raw.Type, child(at, 'Type')), child(at, 'Type'));
    if (!served.includes(type)) {
      cx.warnings.report(notServed(type), `${resource.id}.${eventId}`);
      continue;
    }
    const propertiesAt = child(at, 'Properties');
    const properties =
      propertiesOptional && raw.Properties === undefined ? {} : expectRecord(cx.evaluator.property(raw.Properties, propertiesAt), propertiesAt);
    warnAboutAuth(properties.Auth, `${resource.id}.${eventId}`, cx);
    sources.push({ eventId, at, type, properties, propertiesAt });
  }
  return sources;
}

/** Authorizers are not run: a route that has one is open locally, which the user should know. */
function warnAboutAuth(auth: unknown, subject: string, cx: SamContext): void {
  if (!isRecord(auth)) return;
  const authorizer = auth.Authorizer;
  if ((authorizer !== undefined && authorizer !== 'NONE') || auth.ApiKeyRequired === true) {
    cx.warnings.report('Authorizers and API keys are not enforced; these routes are open locally', subject);
  }
}
