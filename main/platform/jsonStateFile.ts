// Reading one of Fumidai's small JSON state files (open tabs, favourite hosts, team webhooks).
// A missing file is simply "nothing yet". A file that does not parse or match its schema is
// moved aside (never overwritten by the next save, so the user can recover it) and the log
// says where it went and what that means for them.
import { readFile, rename } from 'node:fs/promises';
import type { z } from 'zod';

export async function readJsonStateFile<S extends z.ZodType>(file: string, schema: S, log: (message: string) => void, consequence: string): Promise<z.output<S> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined; // no file yet
  }
  let problem: string;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    problem = parsed.error.issues[0]?.message ?? 'unexpected content';
  } catch (e) {
    problem = (e as Error).message;
  }
  const aside = `${file}.invalid-${Date.now()}`;
  await rename(file, aside).catch(() => {});
  log(`${file} could not be read (${problem}); it was moved to ${aside} and ${consequence}.`);
  return undefined;
}
