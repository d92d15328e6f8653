import { SseMessage, SseParser } from './sse';

function parse(chunks: string[]): { messages: SseMessage[]; comments: string[]; retries: number[]; parser: SseParser } {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = new SseParser({ message: (m) => messages.push(m), comment: (c) => comments.push(c), retry: (ms) => retries.push(ms) });
  for (const c of chunks) parser.push(c);
  return { messages, comments, retries, parser };
}

describe('SseParser', () => {
  it('dispatches a message with its id, event and JSON data on the blank line', () => {
    const { messages, parser } = parse(['id: 42\nevent: item.held\ndata: {"commentId":"c1"}\n\n']);
    expect(messages).toEqual([{ id: '42', event: 'item.held', data: '{"commentId":"c1"}' }]);
    expect(parser.lastEventId).toBe('42');
  });

  it('waits for the blank line: a message split across chunks anywhere arrives once, whole', () => {
    const text = 'id: 7\nevent: queue.counts\ndata: {"counts":{"pending":3}}\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      const { messages } = parse([text.slice(0, cut), text.slice(cut)]);
      expect(messages).toEqual([{ id: '7', event: 'queue.counts', data: '{"counts":{"pending":3}}' }]);
    }
  });

  it('accepts CRLF and CR line ends, a CRLF split between chunks included', () => {
    const { messages } = parse(['event: a\r', '\ndata: 1\r\n\r', '\nevent: b\rdata: 2\r\r']);
    expect(messages.map((m) => [m.event, m.data])).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('dispatches a message whose chunk ends in CR at once, and an empty chunk between CR and LF changes nothing', () => {
    const { messages } = parse(['data: 1\r\r']);
    expect(messages.map((m) => m.data)).toEqual(['1']);
    const split = parse(['data: 2\r', '', '\n\r\n']);
    expect(split.messages.map((m) => m.data)).toEqual(['2']);
  });

  it('joins several data lines with newlines and calls a message without event "message"', () => {
    const { messages } = parse(['data: first\ndata:second\ndata\n\n']);
    expect(messages).toEqual([{ id: '', event: 'message', data: 'first\nsecond\n' }]);
  });

  it('treats comment lines as heartbeats and dispatches nothing for them', () => {
    const { messages, comments } = parse([': hb\n\n:\n\n']);
    expect(messages).toEqual([]);
    expect(comments).toEqual(['hb', '']);
  });

  it('reports retry only when it is all digits, and ignores unknown fields', () => {
    const { retries, messages } = parse(['retry: 3000\n\nretry: soon\nfoo: bar\n\n']);
    expect(retries).toEqual([3000]);
    expect(messages).toEqual([]);
  });

  it('keeps the last id for messages without one, as Last-Event-ID', () => {
    const { messages, parser } = parse(['id: 5\nevent: a\ndata: x\n\nevent: b\ndata: y\n\n']);
    expect(messages.map((m) => m.id)).toEqual(['5', '5']);
    expect(parser.lastEventId).toBe('5');
  });

  it('drops a message cut off by the end of the stream, and its id, so a reconnect asks for it again', () => {
    const { messages, parser } = parse(['id: 5\nevent: a\ndata: x\n\nid: 6\nevent: c\ndata: half']);
    parser.end();
    parser.push('\n\n');
    expect(messages.map((m) => m.id)).toEqual(['5']);
    expect(parser.lastEventId).toBe('5');
  });

  it('ignores an id containing NUL', () => {
    const { parser } = parse(['id: 3\n\nid: 4\u0000\n\n']);
    expect(parser.lastEventId).toBe('3');
  });
});
