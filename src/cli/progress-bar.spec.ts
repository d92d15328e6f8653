import { megabytes, ProgressBar } from './progress-bar';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('ProgressBar', () => {
  it('draws bytes read against the total on a terminal, and ends its line', () => {
    const { stream, written } = fakeStream(true);
    const bar = new ProgressBar(stream);
    bar.update('reading', 512 * 1024, 2 * 1024 * 1024, megabytes);
    bar.done();
    expect(written[0]).toContain('reading [########......................]  25% 0.5 MB / 2.0 MB');
    expect(written[written.length - 1]).toBe('\n');
  });

  it('writes nothing when stderr is not a terminal', () => {
    const { stream, written } = fakeStream(false);
    const bar = new ProgressBar(stream);
    bar.update('reading', 1, 2);
    bar.done();
    expect(written).toEqual([]);
  });
});
