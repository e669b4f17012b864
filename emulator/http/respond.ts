// Response helpers in each protocol's own shape (see aws-apis reference §0.2), so SDKs, botocore
// and the CLI parse emulator errors exactly as they parse AWS's.
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  // The Date header comes from the emulator's clock (set by the server per request): SDKs read it
  // to correct clock skew, exactly as they do with AWS.
  const date = String(res.getHeader('date') ?? new Date().toUTCString());
  res.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': randomUUID(), date, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, body: unknown, contentType = 'application/json', status = 200): void {
  send(res, status, contentType, JSON.stringify(body));
}

/** restJson1 (OIDC, portal): x-amzn-ErrorType header plus a JSON body. */
export function sendRestJsonError(res: ServerResponse, e: ApiError): void {
  send(res, e.status, 'application/json', JSON.stringify({ message: e.message, ...e.extra }), { 'x-amzn-errortype': e.code });
}

/** awsJson1_1 (SSM, CloudTrail, Instance Connect): __type and message in the body. */
export function sendAwsJsonError(res: ServerResponse, e: ApiError): void {
  send(res, e.status, 'application/x-amz-json-1.1', JSON.stringify({ __type: e.code, message: e.message, ...e.extra }));
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export { xmlEscape };

/** EC2 query errors: <Response><Errors><Error>…</Error></Errors><RequestID>. */
export function sendEc2Error(res: ServerResponse, e: ApiError): void {
  send(
    res,
    e.status,
    'text/xml',
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${xmlEscape(e.code)}</Code><Message>${xmlEscape(e.message)}</Message></Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`,
  );
}

/** awsQuery (STS) errors: <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>. */
export function sendQueryError(res: ServerResponse, e: ApiError, namespace = 'https://sts.amazonaws.com/doc/2011-06-15/'): void {
  send(
    res,
    e.status,
    'text/xml',
    `<ErrorResponse xmlns="${namespace}"><Error><Type>${e.status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${xmlEscape(e.code)}</Code><Message>${xmlEscape(e.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

export function sendXml(res: ServerResponse, body: string): void {
  send(res, 200, 'text/xml', `<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
}

export function sendHtml(res: ServerResponse, status: number, body: string): void {
  send(res, status, 'text/html; charset=utf-8', body, { // No form-action: the sign-in form redirects to the client's loopback callback, as AWS's does.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'", 'cache-control': 'no-store' });
}
