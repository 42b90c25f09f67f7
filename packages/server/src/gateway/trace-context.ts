import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { TraceContext } from './invokers.js';

/**
 * The trace a request belongs to. AWS services read `X-Amzn-Trace-Id`, so it wins when both
 * headers came; a W3C `traceparent` is converted by X-Ray's documented mapping (the 32-hex
 * trace id is the X-Ray root's 8-hex epoch part followed by its 24-hex unique part; the parent
 * id carries over; the sampled flag becomes `Sampled`). With neither, a fresh trace is made,
 * as API Gateway does for a request without one.
 */
export function traceContextOf(headers: IncomingHttpHeaders, now: number): TraceContext {
  const amzn = firstValue(headers['x-amzn-trace-id']);
  if (amzn !== undefined) {
    const fromXray = fromXrayHeader(amzn);
    if (fromXray !== undefined) return fromXray;
  }
  const parent = firstValue(headers.traceparent);
  if (parent !== undefined) {
    const fromW3c = fromTraceparent(parent);
    if (fromW3c !== undefined) return fromW3c;
  }
  return freshTrace(now);
}

const XRAY_ROOT = /(?:^|;)\s*Root=1-([0-9a-f]{8})-([0-9a-f]{24})\s*(?:;|$)/i;
const XRAY_PARENT = /(?:^|;)\s*Parent=([0-9a-f]{16})\s*(?:;|$)/i;
const XRAY_SAMPLED = /(?:^|;)\s*Sampled=([01?])\s*(?:;|$)/i;

/** Kept verbatim for AWS consumers; a W3C form is derived (a new parent id when none was given). */
export function fromXrayHeader(header: string): TraceContext | undefined {
  const root = XRAY_ROOT.exec(header);
  if (root === null) return undefined;
  const parent = XRAY_PARENT.exec(header)?.[1] ?? randomHex(8);
  const sampled = XRAY_SAMPLED.exec(header)?.[1] === '1' ? '01' : '00';
  const traceId = `${root[1] as string}${root[2] as string}`.toLowerCase();
  return { traceHeader: header.trim(), traceparent: `00-${traceId}-${parent.toLowerCase()}-${sampled}` };
}

// W3C Trace Context level 1: version 00 (later versions may append fields), all-zero ids invalid.
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

export function fromTraceparent(header: string): TraceContext | undefined {
  const match = TRACEPARENT.exec(header.trim());
  if (match === null) return undefined;
  const [, version, traceId, parentId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (/^0+$/.test(traceId) || /^0+$/.test(parentId)) return undefined;
  const sampled = (Number.parseInt(flags, 16) & 1) === 1 ? 1 : 0;
  return {
    traceHeader: `Root=1-${traceId.slice(0, 8)}-${traceId.slice(8)};Parent=${parentId};Sampled=${sampled}`,
    traceparent: `00-${traceId}-${parentId}-${flags}`,
  };
}

/**
 * X-Ray's trace id format: the epoch second in 8 hex digits, then 96 random bits. New traces
 * are sampled: a local gateway has no sampling rules, and a developer wants to see them.
 */
export function freshTrace(now: number): TraceContext {
  const epoch = Math.floor(now / 1000).toString(16).padStart(8, '0').slice(-8);
  const unique = randomHex(12);
  const parent = randomHex(8);
  return {
    traceHeader: `Root=1-${epoch}-${unique};Parent=${parent};Sampled=1`,
    traceparent: `00-${epoch}${unique}-${parent}-01`,
  };
}

// Ids are drawn from a pooled buffer: one system call per few hundred requests, not three each.
let pool = Buffer.alloc(0);
let offset = 0;

/** `bytes` random bytes from the pool (a CSPRNG buffer, refilled when used up). */
export function randomSlice(bytes: number): Buffer {
  if (offset + bytes > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  offset += bytes;
  return pool.subarray(offset - bytes, offset);
}

function randomHex(bytes: number): string {
  return randomSlice(bytes).toString('hex');
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text;
}
