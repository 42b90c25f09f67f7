/* global exports */
// Callback-style handlers in a .js file that package.json declares CommonJS.

exports.result = (event, context, callback) => {
  callback(null, { doubled: event.n * 2 });
};

exports.error = (event, context, callback) => {
  const error = new Error('refused by callback');
  error.name = 'ValidationError';
  callback(error);
};

// Lambda answers a callback only once the event loop is empty, unless told not to wait.
exports.waitsForEventLoop = (event, context, callback) => {
  const answer = { timerFired: false };
  setTimeout(() => {
    answer.timerFired = true;
  }, 300);
  callback(null, answer);
};

exports.doesNotWait = (event, context, callback) => {
  context.callbackWaitsForEmptyEventLoop = false;
  setTimeout(() => undefined, 2_000);
  callback(null, 'answered at once');
};

// Neither returns a promise nor calls back: Lambda answers null when the loop empties.
exports.neverAnswers = () => undefined;

exports.legacySucceed = (event, context) => {
  context.succeed('via context.succeed');
};

exports.firstAnswerWins = (event, context, callback) => {
  callback(null, 'first');
  callback(null, 'second');
};

exports.nested = { deeper: { handler: (event, context, callback) => callback(null, 'nested member') } };
