import express, { NextFunction, Request, Response } from 'express';
import request from 'supertest';
import { sendProblem } from './problem';
import { fromBodyParserError, toAppError } from './problem.filter';

/** The body parser and the error answer wired as in app.setup.ts, without the rest of the app. */
function bodyApp() {
  const app = express();
  app.use(express.json({ limit: 1024 }));
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    const problem = fromBodyParserError(err);
    if (!problem) return next(err);
    sendProblem(res, problem, req.path);
  });
  app.post('/echo', (req: Request, res: Response) => res.json(req.body));
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => sendProblem(res, toAppError(err), req.path));
  return app;
}

describe('body errors are the client’s fault', () => {
  it.each(['gzip', 'deflate', 'br'])('answers a %s body that does not decompress with a 400 problem, not a 500', async (encoding) => {
    const res = await request(bodyApp())
      .post('/echo')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', encoding)
      .send(Buffer.from('\u00ff{}', 'latin1'))
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', detail: 'The request body could not be decoded with its Content-Encoding.' });
    expect(res.text).not.toMatch(/incorrect header check|Decompression failed|Z_DATA_ERROR/);
  });

  it('still answers malformed JSON, oversized bodies and unknown encodings as before', async () => {
    const app = bodyApp();
    expect((await request(app).post('/echo').set('Content-Type', 'application/json').send('{"a":').expect(400)).body.code).toBe('MALFORMED_JSON');
    expect((await request(app).post('/echo').set('Content-Type', 'application/json').send(`"${'x'.repeat(2000)}"`).expect(413)).body.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await request(app).post('/echo').set('Content-Type', 'application/json').set('Content-Encoding', 'x-bogus').send('{}').expect(415)).body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    await request(app).post('/echo').set('Content-Type', 'application/json').send('{"a":1}').expect(200, { a: 1 });
  });

  it('leaves other errors alone', () => {
    expect(fromBodyParserError(new Error('boom'))).toBeNull();
    expect(fromBodyParserError(Object.assign(new Error('x'), { status: 400, expose: true }))).toBeNull();
    expect(toAppError(new Error('boom')).status).toBe(500);
  });
});
