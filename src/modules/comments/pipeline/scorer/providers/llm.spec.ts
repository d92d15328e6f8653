import { parseLlmVerdict } from './llm';

describe('parseLlmVerdict (strict)', () => {
  it('reads the code, the score and a one-line rationale', () => {
    expect(parseLlmVerdict(' {"reason": "HATE", "score": 0.91, "rationale": "Attacks  a group\\nfor its religion.", "extra": 1} ')).toEqual({
      reason: 'HATE',
      score: 0.91,
      rationale: 'Attacks a group for its religion.',
    });
  });

  it('cuts a long rationale to 200 characters', () => {
    expect(parseLlmVerdict(JSON.stringify({ reason: 'NONE', score: 0.1, rationale: 'x'.repeat(500) })).rationale).toHaveLength(200);
  });

  it.each([
    ['prose', 'The comment is fine.'],
    ['a code fence', '```json\n{"reason": "NONE", "score": 0.1, "rationale": "ok"}\n```'],
    ['an array', '[{"reason": "NONE", "score": 0.1, "rationale": "ok"}]'],
    ['a lower-case code', '{"reason": "hate", "score": 0.9, "rationale": "x"}'],
    ['a score as text', '{"reason": "HATE", "score": "0.9", "rationale": "x"}'],
    ['a negative score', '{"reason": "HATE", "score": -0.1, "rationale": "x"}'],
    ['an empty rationale', '{"reason": "HATE", "score": 0.9, "rationale": "  "}'],
  ])('refuses %s', (_label, content) => {
    expect(() => parseLlmVerdict(content)).toThrow();
  });
});
