/**
 * Writes executions into a SQLite store until killed (or until `count` were written),
 * printing a line for each write only after its promise resolved:
 *
 *   inserted <arn>    the execution exists, RUNNING, with events 1-2
 *   completed <arn>   it is SUCCEEDED, with events 1-4
 *
 * Usage: node write-loop.mjs <store file> <concurrent writers> [count]
 * Imports the built package: run `tsc -b packages/store` first.
 */
import { openStore } from '../dist/index.js';

const [file, writersArgument = '8', countArgument] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: write-loop.mjs <store file> <writers> [count]');
const count = countArgument === undefined ? Number.POSITIVE_INFINITY : Number(countArgument);

const store = await openStore(file);
const machineArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:durable';
const input = JSON.stringify({ payload: 'x'.repeat(512) });
let serial = 0;

function event(id, type) {
  return { id, previousEventId: id - 1, timestamp: Date.now(), type, details: { input } };
}

async function writer() {
  while (serial < count) {
    serial += 1;
    // The pid keeps names unique across runs writing into the same file.
    const name = `e${process.pid}-${serial}`;
    const arn = `arn:aws:states:us-east-1:123456789012:execution:durable:${name}`;
    await store.insertExecution(
      {
        arn,
        stateMachineArn: machineArn,
        name,
        type: 'STANDARD',
        status: 'RUNNING',
        startDate: Date.now(),
        input,
        snapshotKey: 'durable#1',
      },
      [event(1, 'ExecutionStarted'), event(2, 'PassStateEntered')],
    );
    process.stdout.write(`inserted ${arn}\n`);
    await store.completeExecution(arn, { status: 'SUCCEEDED', stopDate: Date.now(), output: input }, [
      event(3, 'PassStateExited'),
      event(4, 'ExecutionSucceeded'),
    ]);
    process.stdout.write(`completed ${arn}\n`);
  }
}

process.stdout.write('ready\n');
await Promise.all(Array.from({ length: Number(writersArgument) }, writer));
await store.close();
