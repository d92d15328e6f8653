import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import { AppError, FieldError } from './app-error';

/** RFC 9457 problem details, plus Parley's machine-readable `code` and the request id. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemTypeFor(code: string): string {
  return `urn:parley:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

export function toProblem(error: AppError, instance?: string, requestId?: string): Problem {
  return {
    ...error.extra,
    type: problemTypeFor(error.code),
    title: STATUS_CODES[error.status] ?? 'Error',
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

export function sendProblem(res: Response, error: AppError, instance?: string, requestId?: string): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(toProblem(error, instance, requestId)));
}
