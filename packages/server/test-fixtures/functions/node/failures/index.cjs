/* global exports, process, setTimeout */
// Functions that fail in every way a Lambda function can, one export each (CommonJS).

// Lambda reports `error.name`: a subclass names itself, or it is reported as plain `Error`.
class CustomError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CustomError';
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

exports.throws = async () => {
  throw new CustomError('boom');
};

exports.throwsSync = () => {
  throw new TypeError('not a number');
};

exports.throwsString = async () => {
  throw 'boom';
};

exports.rejectsEmpty = () => Promise.reject();

exports.circular = async () => {
  const value = { name: 'loop' };
  value.self = value;
  return value;
};

exports.tooLarge = async () => 'x'.repeat(7 * 1024 * 1024);

exports.sleeps = async () => {
  await sleep(30_000);
  return 'woke up';
};

exports.loops = () => {
  for (;;) {
    // spins without ever yielding to the event loop
  }
};

exports.exits = async () => {
  process.exit(3);
};

exports.exitsCleanly = async () => {
  process.exit(0);
};

exports.uncaught = async () => {
  setTimeout(() => {
    throw new Error('thrown from a timer');
  }, 10);
  await sleep(1_000);
  return 'not reached';
};

exports.unhandledRejection = async () => {
  Promise.reject(new Error('nobody listens'));
  await sleep(1_000);
  return 'not reached';
};

exports.allocates = async () => {
  const hoard = [];
  for (;;) hoard.push(new Array(100_000).fill(hoard.length));
};

exports.slow = async (event) => {
  await sleep(event.ms ?? 300);
  return 'done';
};

exports.notAFunction = 42;
