/**
 * Which hosts HTTP Tasks may call. In AWS the execution role's IAM policy decides
 * (`states:InvokeHTTPEndpoint` with the `states:HTTPEndpoint` condition); locally a workflow
 * would otherwise reach anything the machine can, including services on the developer's own
 * network, so every host must be listed.
 *
 * Patterns: `api.example.com` (any port), `*.example.com` (subdomains, not the apex),
 * `127.0.0.1:8080` and `[::1]:8080` (that port only), `*` (any host: an explicit opt-out).
 */

interface HostPattern {
  /** Lower-case host name, or a `.suffix` for wildcards, or `*`. */
  readonly host: string;
  readonly port: string | undefined;
}

function parsePattern(raw: string): HostPattern {
  const pattern = raw.trim().toLowerCase();
  if (pattern === '*') return { host: '*', port: undefined };
  const bracketed = /^(\[[^\]]+\])(?::(\d+))?$/.exec(pattern);
  if (bracketed !== null) return { host: bracketed[1] ?? '', port: bracketed[2] };
  const colon = pattern.lastIndexOf(':');
  const hasPort = colon > 0 && /^\d+$/.test(pattern.slice(colon + 1));
  const host = hasPort ? pattern.slice(0, colon) : pattern;
  return { host: host.startsWith('*.') ? host.slice(1) : host, port: hasPort ? pattern.slice(colon + 1) : undefined };
}

function effectivePort(url: URL): string {
  if (url.port !== '') return url.port;
  return url.protocol === 'https:' ? '443' : '80';
}

function matches(pattern: HostPattern, url: URL): boolean {
  if (pattern.host === '*') return true;
  const hostname = url.hostname.toLowerCase();
  const hostMatches = pattern.host.startsWith('.') ? hostname.endsWith(pattern.host) && hostname.length > pattern.host.length : hostname === pattern.host;
  return hostMatches && (pattern.port === undefined || pattern.port === effectivePort(url));
}

export function isHostAllowed(url: URL, allowedHosts: readonly string[]): boolean {
  return allowedHosts.some((raw) => matches(parsePattern(raw), url));
}

/**
 * Hosts that can only be this machine. AWS accepts only https endpoints; Flowgate also lets
 * an HTTP Task call plain-http services here, where local development runs them.
 */
export function isLoopbackHost(url: URL): boolean {
  const hostname = url.hostname.toLowerCase();
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}
