/** AWS bills express executions in 64 MB steps of memory and 100 ms steps of duration. */
export const BILLED_MEMORY_MB = 64;

/** The billed duration of an execution that ran from `startDate` to `stopDate` (epoch ms). */
export function billedDurationMs(startDate: number, stopDate: number): number {
  return Math.max(100, Math.ceil(Math.max(0, stopDate - startDate) / 100) * 100);
}
