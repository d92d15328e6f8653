import { STATUS_CODES } from 'node:http';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError } from '../errors/app-error';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../errors/problem';

/**
 * Requests Node's HTTP parser refuses before the application sees them (raw control or non-ASCII
 * bytes in the request line, malformed headers, headers over the size limit) would otherwise get
 * a bare status line with no body. They get the same problem document as every other error.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const error =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? new AppError(431, 'HEADERS_TOO_LARGE', 'The request headers are larger than this server accepts.')
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? new AppError(408, 'REQUEST_TIMEOUT', 'The request took too long to arrive.')
          : new AppError(400, 'MALFORMED_REQUEST', 'The request is not valid HTTP (check the request line and headers).');
    const body = JSON.stringify(toProblem(error));
    socket.end(
      `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
