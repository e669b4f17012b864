// A `fumidai` subcommand. Commands get their I/O injected so tests can run them in-process and
// read exactly what a user or a script would see. Exit codes are part of the contract with
// scripts: 0 ok, 1 failure, 2 usage error, 3 needs sign-in (see EXIT).
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  signInRequired: 3,
} as const;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the user interrupts (Ctrl-C); long-running commands stop on it. */
  interrupted: Promise<void>;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Usage text shown by `fumidai <name> --help`. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}
