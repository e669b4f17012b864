// Every `fumidai` subcommand, in the order `--help` lists them.
import type { CliCommand } from '../command';
import { authCommands } from './auth';
import { accountCommands } from './accounts';
import { instancesCommand } from './instances';
import { connectCommand } from './connect';
import { execCommand } from './exec';
import { forwardCommand } from './forward';
import { sshCommand } from './ssh';
import { webCommand } from '../../browser/webCommand';
import { createCliServices } from '../defaultServices';

export const COMMANDS: CliCommand[] = [
  ...authCommands(createCliServices),
  ...accountCommands(createCliServices),
  instancesCommand(createCliServices),
  connectCommand(createCliServices),
  execCommand(createCliServices),
  forwardCommand(createCliServices),
  sshCommand(createCliServices),
  webCommand,
];
