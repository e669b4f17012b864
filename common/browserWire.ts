// The browser-mode wire protocol: how the contract's `{ channel, payload }` pairs travel over the
// loopback WebSocket between the renderer (renderer/src/platform) and the host (main/browser).
// It lives in common/ because both ends must agree on it byte for byte.
//
// Messages are JSON. A message whose payload carries bytes (terminal output, stream writes) is sent
// as ONE binary frame instead, so terminal throughput does not pay base64's 33 % and its CPU:
//
//   [u32 big-endian header length][header: UTF-8 JSON][blob 0][blob 1]…
//
// The header is the message with every Uint8Array replaced by null, plus `b`: the path and length
// of each blob. A stream chunk costs ~60 header bytes however large it is.
import { z } from 'zod';

/** Largest frame either side accepts; stream writes are ≤ 1 MiB (contract.ts) plus a small header. */
export const WIRE_MAX_FRAME_BYTES = 2 * 1024 * 1024;
/**
 * Largest frame the page accepts from its own host. Larger than the other way: a whole inventory
 * snapshot of 20,000 instances is ~8 MB of JSON, and 100,000 must still arrive. The host (the side
 * that must not trust its peer) keeps the 2 MiB bound on what pages send it.
 */
export const WIRE_MAX_SERVER_FRAME_BYTES = 128 * 1024 * 1024;
/** The WebSocket path on the host's origin. */
export const WIRE_PATH = '/ws';

const MAX_BLOBS = 64;
const MAX_DEPTH = 32;
const MAX_HEADER_BYTES = 256 * 1024;

const Channel = z.string().min(1).max(200);
const InvokeId = z.number().int().min(0).max(2 ** 31);

export const ClientMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('invoke'), id: InvokeId, ch: Channel, p: z.unknown().optional() }).strict(),
  z.object({ t: z.literal('send'), ch: Channel, p: z.unknown().optional() }).strict(),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export const ServerMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('result'), id: InvokeId, r: z.unknown().optional() }).strict(),
  z.object({ t: z.literal('event'), ch: Channel, p: z.unknown().optional() }).strict(),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

type Path = Array<string | number>;
const BlobRef = z.tuple([z.array(z.union([z.string().max(200), z.number().int().min(0)])).min(1).max(MAX_DEPTH), z.number().int().min(0)]);

export class WireError extends Error {
  override readonly name = 'WireError';
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Encodes a message: a string (text frame) when it carries no bytes, else one binary frame. */
export function encodeWireMessage(message: ClientMessage | ServerMessage): string | Uint8Array {
  const blobs: Array<{ path: Path; bytes: Uint8Array }> = [];
  const stripped = stripBinary(message, [], blobs, 0);
  if (blobs.length === 0) return JSON.stringify(message);
  const header = encoder.encode(JSON.stringify({ ...(stripped as object), b: blobs.map((x) => [x.path, x.bytes.byteLength]) }));
  const total = 4 + header.byteLength + blobs.reduce((n, x) => n + x.bytes.byteLength, 0);
  const frame = new Uint8Array(total);
  new DataView(frame.buffer).setUint32(0, header.byteLength);
  frame.set(header, 4);
  let at = 4 + header.byteLength;
  for (const { bytes } of blobs) {
    frame.set(bytes, at);
    at += bytes.byteLength;
  }
  return frame;
}

export function decodeClientMessage(frame: string | Uint8Array): ClientMessage {
  return parseWith(ClientMessageSchema, decodeRaw(frame, WIRE_MAX_FRAME_BYTES));
}

export function decodeServerMessage(frame: string | Uint8Array): ServerMessage {
  return parseWith(ServerMessageSchema, decodeRaw(frame, WIRE_MAX_SERVER_FRAME_BYTES));
}

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new WireError(`unexpected message shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

function decodeRaw(frame: string | Uint8Array, maxBytes: number): unknown {
  if (typeof frame === 'string') {
    if (frame.length > maxBytes) throw new WireError('frame too large');
    return parseJson(frame);
  }
  if (frame.byteLength > maxBytes) throw new WireError('frame too large');
  if (frame.byteLength < 4) throw new WireError('truncated binary frame');
  const headerLength = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0);
  if (headerLength > MAX_HEADER_BYTES || 4 + headerLength > frame.byteLength) throw new WireError('bad header length');
  let headerText: string;
  try {
    headerText = decoder.decode(frame.subarray(4, 4 + headerLength));
  } catch {
    throw new WireError('header is not UTF-8');
  }
  const header = parseJson(headerText);
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new WireError('header is not an object');
  const { b, ...message } = header as Record<string, unknown>;
  const refs = z.array(BlobRef).max(MAX_BLOBS).safeParse(b);
  if (!refs.success) throw new WireError('bad blob table');
  let at = 4 + headerLength;
  for (const [path, length] of refs.data) {
    if (at + length > frame.byteLength) throw new WireError('blob runs past the frame');
    placeBlob(message, path, frame.subarray(at, at + length));
    at += length;
  }
  if (at !== frame.byteLength) throw new WireError('trailing bytes after the last blob');
  return message;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new WireError('frame is not JSON');
  }
}

// Only plain data keys may be written: `__proto__` & co. would let a frame pollute prototypes.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function placeBlob(root: Record<string, unknown>, path: Path, bytes: Uint8Array): void {
  let parent: unknown = root;
  for (let i = 0; i < path.length - 1; i++) parent = childOf(parent, path[i]!);
  const last = path[path.length - 1]!;
  // The header must hold a null placeholder exactly where the blob goes: nothing is overwritten.
  if (childOf(parent, last) !== null) throw new WireError('blob path does not point at a placeholder');
  (parent as Record<string | number, unknown>)[last] = bytes;
}

function childOf(parent: unknown, key: string | number): unknown {
  if (typeof key === 'string' && FORBIDDEN_KEYS.has(key)) throw new WireError('forbidden key in blob path');
  if (Array.isArray(parent) && typeof key === 'number' && key < parent.length) return parent[key];
  if (parent && typeof parent === 'object' && !Array.isArray(parent) && typeof key === 'string' && Object.hasOwn(parent, key)) {
    return (parent as Record<string, unknown>)[key];
  }
  throw new WireError('blob path does not exist in the header');
}

function stripBinary(value: unknown, path: Path, out: Array<{ path: Path; bytes: Uint8Array }>, depth: number): unknown {
  if (value instanceof Uint8Array) {
    if (out.length >= MAX_BLOBS) throw new WireError('too many byte arrays in one message');
    out.push({ path: [...path], bytes: value });
    return null;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) throw new WireError('message nested too deeply');
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) throw new WireError('only Uint8Array byte arrays can cross the wire');
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = stripBinary(item, [...path, i], out, depth + 1);
      if (next !== item) (copy ??= [...value])[i] = next;
    });
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = stripBinary(item, [...path, key], out, depth + 1);
    if (next !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = next;
  }
  return copy ?? value;
}
