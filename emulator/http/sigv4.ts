// SigV4 verification: the emulator recomputes each request's signature with the secret it issued
// for the access key (using the same signer the SDKs use) and rejects what AWS would reject —
// unknown keys, bad signatures, expired credentials, and clocks more than 5 minutes apart.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { ApiError } from './respond';

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: number;
}

export interface SignedCaller {
  accessKeyId: string;
  region: string;
  service: string;
}

type SourceData = string | ArrayBuffer | ArrayBufferView;
const toBytes = (d: SourceData): string | Uint8Array =>
  typeof d === 'string' ? d : d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 5 * 60_000;

export async function verifySigV4(
  req: { method: string; url: string; headers: Record<string, string | string[] | undefined> },
  body: Buffer,
  lookup: (accessKeyId: string) => IssuedCredentials | undefined,
  nowMs: number,
): Promise<SignedCaller> {
  const header = String(req.headers.authorization ?? '');
  const m = AUTH.exec(header);
  if (!m) throw new ApiError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  const [, accessKeyId, , region, service, signedHeaders, signature] = m as unknown as [string, string, string, string, string, string, string];
  const creds = lookup(accessKeyId);
  if (!creds) throw new ApiError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  const token = req.headers['x-amz-security-token'];
  if (token !== creds.sessionToken) throw new ApiError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (creds.expiration <= nowMs) throw new ApiError(400, 'ExpiredTokenException', 'The security token included in the request is expired');
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) throw new ApiError(400, 'IncompleteSignature', 'X-Amz-Date is missing or malformed.');
  if (Math.abs(signingDate.getTime() - nowMs) > MAX_SKEW_MS) {
    // AWS's wording; SDKs read the response Date header and retry with a corrected clock.
    throw new ApiError(400, 'InvalidSignatureException', `Signature expired: ${amzDate} is now earlier than ${toAmzDate(nowMs - MAX_SKEW_MS)} (${toAmzDate(nowMs)} - 5 min.)`);
  }
  const url = new URL(req.url, 'http://localhost');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders.split(';')) {
    const v = req.headers[name];
    if (v !== undefined) headers[name] = Array.isArray(v) ? v.join(',') : v;
  }
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const request = new HttpRequest({ method: req.method, protocol: 'http:', hostname: String(req.headers.host ?? '').split(':')[0], path: url.pathname, query, headers, body });
  const signer = new SignatureV4({ credentials: { accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken }, region, service, sha256: Sha256, uriEscapePath: true, applyChecksum: false });
  const signed = await signer.sign(request, { signingDate, unsignableHeaders: new Set(), signableHeaders: new Set(Object.keys(headers)) });
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? ''))?.[1] ?? '';
  if (expected.length !== 64 || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    throw new ApiError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.');
  }
  return { accessKeyId, region, service };
}

function toAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}
