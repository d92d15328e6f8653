/**
 * jest's Node environment, plus a full garbage collection after each test file. Each file loads
 * its own copy of the application's modules (~50 MB), and V8, given a 24 GiB machine, lets garbage
 * pile up rather than collect it: a worker ended the run at 3.4 GB, and an operating system needs
 * well over jest's 500 ms to take back that much from an exiting process, so jest killed the
 * workers and printed "A worker process has failed to exit gracefully" on green runs. Collected
 * after each file, a worker holds little more than the file it runs.
 */
const { setFlagsFromString } = require('node:v8');
const { runInNewContext } = require('node:vm');
const { TestEnvironment } = require('jest-environment-node');

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc');

class NodeEnvironment extends TestEnvironment {
  async teardown() {
    await super.teardown();
    collectGarbage();
  }
}

module.exports = NodeEnvironment;
