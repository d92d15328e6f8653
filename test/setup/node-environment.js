/**
 * jest's Node environment, plus the most thorough garbage collection V8 offers after each test
 * file. Each file loads its own copy of the application's modules (~50 MB), and a jest worker
 * ends the run only as fast as the operating system takes back its memory: jest allows 500 ms,
 * then kills the worker and prints "A worker process has failed to exit gracefully" on a green
 * run.
 *
 * A plain full collection is not enough on Node 24: finished files stay reachable through V8's
 * caches (a jest-runtime allocation site keeps one file's module wrapper, and maps shared between
 * the files' global objects link each file to the next), so a worker grew by ~55 MB a file, to
 * 1.9 GB, and took 634 ms to exit. The "last resort" collection, the one V8 runs before it gives
 * up on memory, clears those caches. Measured on a full run on Node 24: workers peak at 575 and
 * 706 MB (were 1.5 and 1.9 GB) and exit in 159 and 165 ms (were 445 to 634 ms); the price is
 * ~0.5 s a file, as the next file compiles its modules afresh. V8 versions without that option
 * (Node 20) take it as a plain full collection, which does not stop the growth there; jest.config.js
 * replaces a worker whose heap passes workerIdleMemoryLimit.
 */
const { setFlagsFromString } = require('node:v8');
const { runInNewContext } = require('node:vm');
const { TestEnvironment } = require('jest-environment-node');

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc');

class NodeEnvironment extends TestEnvironment {
  async teardown() {
    await super.teardown();
    collectGarbage({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  }
}

module.exports = NodeEnvironment;
