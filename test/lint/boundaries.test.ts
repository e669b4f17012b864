// Proves the architecture's import arrows are enforced by lint, not by goodwill: each violating
// import below must be reported by `eslint` with the project's own configuration.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('lint boundaries', () => {
  it.each([
    ['renderer/src/Bad.tsx', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['renderer/src/Bad.tsx', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['renderer/src/Bad.tsx', "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n"],
    ['renderer/src/Bad.tsx', "import { SSMClient } from '@aws-sdk/client-ssm';\nexport const x = SSMClient;\n"],
    ['renderer/src/Bad.tsx', "import { Dispatcher } from '../../main/ipc/dispatcher';\nexport const x = Dispatcher;\n"],
    ['common/api/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['common/api/bad.ts', "import { createHash } from 'node:crypto';\nexport const x = createHash;\n"],
    ['common/api/bad.ts', "import { EC2Client } from '@aws-sdk/client-ec2';\nexport const x = EC2Client;\n"],
    ['main/settings/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['main/browser/bad.ts', "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;\n"],
    ['main/settings/bad.ts', "import { startEmulator } from '../../emulator/index';\nexport const x = startEmulator;\n"],
    ['main/electron/bad.ts', "import { startEmulator } from '../../emulator/index';\nexport const x = startEmulator;\n"],
    ['emulator/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['preload/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['main/electron/bad.ts', 'export const prefs = { nodeIntegration: true };\n'],
    ['main/electron/bad.ts', 'export const prefs = { sandbox: false, contextIsolation: false };\n'],
  ])('%s: rejects %j', async (filePath, code) => {
    expect(await restrictedImportErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['main/electron/ok.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['preload/ok.ts', "import { contextBridge } from 'electron';\nexport const x = contextBridge;\n"],
    ['main/settings/ok.ts', "import { readFileSync } from 'node:fs';\nimport { SSMClient } from '@aws-sdk/client-ssm';\nexport const x = [readFileSync, SSMClient];\n"],
    ['renderer/src/Ok.tsx', "import { DOMAINS } from '../../common/api';\nexport const x = DOMAINS;\n"],
  ])('%s: allows %j', async (filePath, code) => {
    expect(await restrictedImportErrors(filePath, code)).toEqual([]);
  });
});
