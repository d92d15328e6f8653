import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { resolveTarget } from './address-guard';

export interface SendInput {
  url: string;
  secret: string;
  /** webhook-id: the same for every attempt of a delivery, so receivers can drop duplicates. */
  messageId: string;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
}

export type SendResult =
  | { kind: 'response'; status: number; ms: number }
  /** No HTTP answer: refused address, DNS failure, connection error, timeout. */
  | { kind: 'error'; error: string; ms: number };

/**
 * One attempt: resolve and check the address (SSRF guard), sign per Standard Webhooks, POST to
 * the checked address only (the socket's lookup is pinned to it), read the status, follow no
 * redirect. Never throws.
 */
export async function sendWebhook(input: SendInput): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return { kind: 'error', error: 'the endpoint URL is not valid', ms: 0 };
  }
  const check = await resolveTarget(url, input.allowPrivate, input.timeoutMs);
  if (!check.ok) return { kind: 'error', error: `refused: ${check.detail}`, ms: elapsed() };
  const { address, family } = check.target;
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const timestamp = new Date();
  const signature = new Webhook(input.secret).sign(input.messageId, timestamp, input.body);
  const headers = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(input.body).toString(),
    'user-agent': 'Parley-Webhooks/1',
    'webhook-id': input.messageId,
    'webhook-timestamp': Math.floor(timestamp.getTime() / 1000).toString(),
    'webhook-signature': signature,
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = request(url, { method: 'POST', headers, lookup: pinned, agent: false }, (res) => {
      res.resume();
      res.on('end', () => finish({ kind: 'response', status: res.statusCode ?? 0, ms: elapsed() }));
      res.on('error', () => finish({ kind: 'response', status: res.statusCode ?? 0, ms: elapsed() }));
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${input.timeoutMs} ms`));
    }, input.timeoutMs);
    req.on('error', (err) => finish({ kind: 'error', error: err.message, ms: elapsed() }));
    req.end(input.body);
  });
}
