import { setFlagsFromString } from 'node:v8';

let tuned = false;

/**
 * Turns off V8's allocation-site pretenuring in a process that serves requests.
 *
 * The heuristic watches which allocation sites make objects that survive a young-generation
 * collection and, past a threshold, allocates everything those sites make in the old
 * generation. A server trips it at random: a collection that happens while the first few
 * requests are in flight finds most of their per-request objects alive, and from then on
 * every request's objects go to the old generation, where they die expensively. Measured on
 * the API benchmark (StartSyncExecution, 32 connections): with the heuristic, two runs in
 * three settled at about 95 µs of CPU per request and one at 57 µs; without it, every run
 * at 57-71 µs. The flag is read when V8 makes a pretenuring decision, so setting it at
 * start-up, before the first request, takes effect.
 */
export function tuneHeapForServing(): void {
  if (tuned) return;
  tuned = true;
  setFlagsFromString('--no-allocation-site-pretenuring');
}
