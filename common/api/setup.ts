// The `setup` domain: the first run. Checking a start URL with IAM Identity Center before it is
// saved (so a typo is caught with an explanation, not at sign-in), and the demo: a local sandbox
// AWS that lets someone without an AWS account see the product.
import { z } from 'zod';
import { defineDomain, event, invoke } from './contract';

export const CheckStartUrlRequestSchema = z.object({
  startUrl: z.string().min(1).max(512),
  region: z.string().min(1).max(32),
});

export const DemoStateSchema = z.enum(['off', 'starting', 'on', 'failed']);
export type DemoState = z.infer<typeof DemoStateSchema>;

export const DemoStatusSchema = z.object({
  /** Whether this build carries the sandbox (source checkouts do; installed apps do not). */
  available: z.boolean(),
  /**
   * Why the demo cannot start here, when it is not available: not-in-build, this build leaves the
   * sandbox out (installed apps). A code, so the window says it in its language.
   */
  unavailableReason: z.enum(['not-in-build']).optional(),
  state: DemoStateSchema,
  /** The demo's SSO session, once the sandbox runs. */
  sessionId: z.string().optional(),
  /** What went wrong, when state is 'failed'. */
  error: z.string().optional(),
});
export type DemoStatus = z.infer<typeof DemoStatusSchema>;

export const setupDomain = defineDomain('setup', {
  /** Validates the shape, then asks IAM Identity Center in that region whether it knows the start URL. */
  checkStartUrl: invoke({ request: CheckStartUrlRequestSchema, response: z.object({ startUrl: z.string(), region: z.string() }) }),
  demoStatus: invoke({ request: z.undefined(), response: DemoStatusSchema }),
  /** Starts the sandbox and signs in to it; resolves when signed in (or with the reason it failed). */
  startDemo: invoke({ request: z.undefined(), response: DemoStatusSchema }),
  onDidChangeDemo: event(DemoStatusSchema),
});
