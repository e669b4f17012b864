// `fumidai forward <instance-id> --remote-port N`: a local port that reaches a port on the
// instance, or on a host behind it (--host, e.g. a database endpoint), until Ctrl-C.
import { parseArgs } from 'node:util';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { withServices, type CliServicesFactory } from '../services';
import { PortForwardSession, forwardEndText, type ForwardEnd } from '../../ssm/ports/portForwardSession';
import { TARGET_OPTIONS, TARGET_USAGE, checkTargetArgs, signInRequired, ssmApiFor, type SsmCommandDeps } from './connect';

function portArg(value: string | undefined, name: string, allowZero: boolean): number | string | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value) || n > 65535 || (!allowZero && n === 0)) return `fumidai forward: --${name} must be a port number from ${allowZero ? 0 : 1} to 65535, got '${value}'.`;
  return n;
}

export function forwardCommand(services: CliServicesFactory, deps: SsmCommandDeps = {}): CliCommand {
  return {
    name: 'forward',
    summary: 'Forward a local port to a port on an instance or a host behind it',
    usage: [
      'Usage: fumidai forward <instance-id> --remote-port N [--local-port M] [--host H] --account ID --role NAME [options]',
      '',
      '  --remote-port N  the port to reach on the instance (or on --host)',
      '  --local-port M   the local port to listen on, on 127.0.0.1 (default 0: any free port)',
      '  --host H         a host the instance can reach, e.g. a database endpoint',
      TARGET_USAGE,
      '',
      'Runs until Ctrl-C. Agents newer than 3.0.196.0 carry many connections at once; older ones',
      'one at a time (others wait their turn).',
    ].join('\n'),
    async run(args, io: CliIo) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { ...TARGET_OPTIONS, 'remote-port': { type: 'string' }, 'local-port': { type: 'string' }, host: { type: 'string' } },
      });
      const target = checkTargetArgs('forward', positionals[0], values);
      const remotePort = portArg(values['remote-port'], 'remote-port', false);
      const localPort = portArg(values['local-port'], 'local-port', true);
      const problem = typeof target === 'string' ? target : typeof remotePort === 'string' ? remotePort : typeof localPort === 'string' ? localPort : remotePort === undefined ? 'fumidai forward: --remote-port is required.' : undefined;
      if (problem || typeof target === 'string' || typeof remotePort !== 'number' || typeof localPort === 'string') {
        io.stderr(`${problem}\n`);
        return EXIT.usage;
      }
      return withServices(services, io.env, async (svc) => {
        let forward: PortForwardSession;
        let instanceId: string;
        try {
          let api;
          ({ api, instanceId } = await ssmApiFor(svc, target, io.env, deps));
          forward = await PortForwardSession.start({
            api,
            target: instanceId,
            remotePort,
            remoteHost: values.host,
            localPort,
            reason: target.reason,
            channel: deps.channel,
          });
        } catch (e) {
          const code = signInRequired(e, io);
          if (code !== undefined) return code;
          throw e;
        }
        forward.onDidLog((m) => io.stderr(`${m}\n`));
        io.stdout(`Forwarding ${forward.localAddress} → ${forward.destination} through ${target.byName ? `${target.instanceId} (${instanceId})` : instanceId} (session ${forward.sessionId}, ${forward.mode}). Press Ctrl-C to stop.\n`);
        const ended = new Promise<ForwardEnd>((resolve) => forward.onDidEnd(resolve));
        const outcome = await Promise.race([ended, io.interrupted.then(() => 'interrupted' as const)]);
        if (outcome === 'interrupted') {
          io.stderr('Stopping…\n');
          await forward.stop();
          io.stdout(`Stopped. ${forward.stats.connections} connections, ${forward.stats.bytesOut} bytes sent, ${forward.stats.bytesIn} bytes received.\n`);
          return EXIT.ok;
        }
        io.stderr(`fumidai forward: the session ended: ${forwardEndText(outcome) ?? outcome.reason}\n`);
        return EXIT.failure;
      });
    },
  };
}
