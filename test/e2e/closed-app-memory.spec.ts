import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as nextTask } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startTestApp } from '../helpers/app';

/**
 * A closed application leaves nothing running that holds on to it. Whatever an application starts
 * (timers, pools, observers) keeps the async context it was created in: a resource left running
 * after close keeps that context, and everything it refers to, for the life of the process. The
 * test suite creates one application per test file inside jest's own async context, so such a
 * leak kept every closed application (~50 MB each) in its worker, which ended the run above 3 GB
 * and too slow to exit ("A worker process has failed to exit gracefully").
 */
describe('a closed application', () => {
  it('leaves nothing behind that keeps the async context it was created in', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // What is made once per process and kept on purpose (Prisma's query compiler, loaded on the
    // first connection) keeps the context of its first use: make that use outside the one watched.
    const first = await startTestApp();
    await first.close();
    const context = new AsyncLocalStorage<{ marker: object }>();
    const held = await context.run({ marker: {} }, async () => {
      const ref = new WeakRef(context.getStore()!.marker);
      const t = await startTestApp();
      await t.close();
      return ref;
    });
    // A WeakRef's target is kept until the task that made or read it ends: collect in later tasks,
    // read once at the end.
    for (let task = 0; task < 3; task++) {
      await nextTask(0);
      gc();
    }
    expect(held.deref()).toBeUndefined();
  });
});
