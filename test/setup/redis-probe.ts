import { connect } from 'node:net';

/**
 * Whether a Redis answers PING at `url`: null when it does, else why not (one line). The global
 * setup asks once per run, so the tests that need Redis can be skipped with the reason in their
 * title when there is none.
 */
export function redisUnreachable(url: string, timeoutMs = 1000): Promise<string | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname || '127.0.0.1');
    let answer = '';
    const done = (reason: string | null) => {
      socket.destroy();
      resolve(reason === null ? null : `no Redis at ${url} (${reason}); start one or set TEST_REDIS_URL`);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs} ms`));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG') || answer.startsWith('-NOAUTH') ? null : `answered ${JSON.stringify(answer.trim())}`);
    });
  });
}
