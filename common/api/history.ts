// The `history` domain: local recordings of shell sessions (asciicast v2 files in the config
// directory) — who ran which session where, why, when and how it ended — and their contents for a
// replay. A recording is named by its file name only, checked against one strict pattern here and
// again in main, so no request can reach a file outside the recordings directory.
import { z } from 'zod';
import { defineDomain, invoke } from './contract';

/** `20261122T090507Z_i-0abc…_alice-0123.cast`: start time, instance, session; nothing else. */
export const RECORDING_NAME_PATTERN = /^\d{8}T\d{6}Z_[A-Za-z0-9.-]{1,64}_[A-Za-z0-9.-]{1,64}\.cast$/;
export const RecordingNameSchema = z.string().max(200).regex(RECORDING_NAME_PATTERN, 'a recording name such as 20261122T090507Z_i-0abc_alice-0123.cast');

/**
 * How a session ended when Fumidai (not the far side) says it: quit, the app quit while it ran;
 * ended-while-disconnected, Session Manager ended it while the connection was down. The window
 * words these through its catalogs; `endReason` keeps the English (and the far side's own words).
 */
export const RECORDING_END_CODES = ['quit', 'ended-while-disconnected'] as const;
export type RecordingEndCode = (typeof RECORDING_END_CODES)[number];

export const RecordingEntrySchema = z.object({
  name: RecordingNameSchema,
  sizeBytes: z.number(),
  /** Epoch ms. */
  startedAt: z.number(),
  endedAt: z.number().optional(),
  durationSeconds: z.number().optional(),
  identity: z.string().optional(),
  accountId: z.string().optional(),
  accountName: z.string().optional(),
  roleName: z.string().optional(),
  instanceId: z.string().optional(),
  instanceName: z.string().optional(),
  region: z.string().optional(),
  reason: z.string().optional(),
  awsSessionId: z.string().optional(),
  exitCode: z.number().optional(),
  endReason: z.string().optional(),
  /** A known end, as a code (older recordings and other writers have none; unknown codes are dropped). */
  endCode: z.enum(RECORDING_END_CODES).optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  /** False while the session is live, or when Fumidai stopped before the session ended. */
  complete: z.boolean(),
  /** Why the file could not be read (it is still listed, so the user sees it). */
  problem: z.string().optional(),
});
export type RecordingEntry = z.infer<typeof RecordingEntrySchema>;

/** [seconds since start, code ("o" output, "r" resize "COLSxROWS", "m" marker), data]. */
export const RecordingEventSchema = z.tuple([z.number(), z.string(), z.string()]);
export type RecordingEvent = z.infer<typeof RecordingEventSchema>;

/** A replay reads a recording in chunks, so a long session never crosses the boundary at once. */
export const MAX_EVENTS_PER_READ = 5_000;

export const ReadRecordingRequestSchema = z.object({
  name: RecordingNameSchema,
  /** Index of the first event to return. */
  fromEvent: z.number().int().min(0).default(0),
  maxEvents: z.number().int().min(1).max(MAX_EVENTS_PER_READ).default(MAX_EVENTS_PER_READ),
});

export const ReadRecordingResponseSchema = z.object({
  entry: RecordingEntrySchema,
  events: z.array(RecordingEventSchema),
  totalEvents: z.number(),
  /** The next `fromEvent`, absent when this chunk ends the recording. */
  nextEvent: z.number().optional(),
  /** Lines the reader skipped, with why (a damaged or hand-edited file). */
  problems: z.array(z.object({ line: z.number(), message: z.string() })),
});
export type ReadRecordingResponse = z.infer<typeof ReadRecordingResponseSchema>;

export const historyDomain = defineDomain('history', {
  list: invoke({ request: z.undefined(), response: z.array(RecordingEntrySchema) }),
  read: invoke({ request: ReadRecordingRequestSchema, response: ReadRecordingResponseSchema }),
});
