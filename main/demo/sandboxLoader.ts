// The demo sandbox from a source checkout: the embedded AWS emulator (emulator/), loaded with a
// dynamic import of a path computed at run time. Bundlers cannot follow such an import, so the
// emulator never ends up in the built main bundle or the packaged app.asar; installed apps simply
// have no emulator/ next to them and the demo says so. Running from sources (npm run web, the e2e
// suite) loads the TypeScript through tsx.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DemoSandbox, SandboxAws } from './demoService';
import { NO_SANDBOX_REASON } from './demoService';

/** The subset of emulator/index.ts the demo uses (main/ never imports the emulator's types). */
interface EmulatorModule {
  startEmulator(options?: { log?: (m: string) => void }): Promise<{
    endpoint: string;
    region: string;
    startUrl: string;
    users: Array<{ username: string; password: string }>;
    close(): Promise<void>;
  }>;
}

/** Looks for emulator/index.ts in `checkoutRoot` (the repository root when running from sources). */
export function sourceCheckoutSandbox(checkoutRoot: string, log?: (m: string) => void): DemoSandbox {
  const entry = join(resolve(checkoutRoot), 'emulator', 'index.ts');
  return {
    unavailableReason: () => (existsSync(entry) ? undefined : NO_SANDBOX_REASON),
    async start(): Promise<SandboxAws> {
      let mod: Partial<EmulatorModule>;
      try {
        mod = (await import(/* @vite-ignore */ pathToFileURL(entry).href)) as Partial<EmulatorModule>;
      } catch (e) {
        throw new Error(`the sandbox could not be loaded (${(e as Error).message}). Start Fumidai from its sources with \`npm run demo\` or \`npm run web\`.`, { cause: e });
      }
      if (typeof mod.startEmulator !== 'function') throw new Error(`${entry} does not export startEmulator`);
      const emu = await mod.startEmulator({ log: (m) => log?.(`sandbox: ${m}`) });
      const user = emu.users[0];
      return {
        endpoint: emu.endpoint,
        region: emu.region,
        startUrl: emu.startUrl,
        async approve(userCode) {
          if (!user) throw new Error('the sandbox has no users to sign in as');
          // The sandbox's device-approval page is a plain form, meant to be driven by scripts too.
          const res = await fetch(`${emu.endpoint}/device`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ user_code: userCode, username: user.username, password: user.password, decision: 'approve' }).toString(),
          });
          if (!res.ok) throw new Error(`the sandbox refused the sign-in (HTTP ${res.status})`);
        },
        close: () => emu.close(),
      };
    },
  };
}
