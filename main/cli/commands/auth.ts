// `fumidai login | logout | status`: IAM Identity Center sign-in from the terminal. The same
// token cache as the app and the AWS CLI, so a sign-in here serves all three.
import { parseArgs } from 'node:util';
import { EXIT, type CliCommand } from '../command';
import { chooseSession, withServices, type CliServicesFactory } from '../services';
import { formatRemaining, table } from '../format';
import { FumidaiError } from '../../../common/api/errors';

export function authCommands(services: CliServicesFactory, now: () => number = Date.now): CliCommand[] {
  const login: CliCommand = {
    name: 'login',
    summary: 'Sign in to an IAM Identity Center session',
    usage: [
      'Usage: fumidai login [--session NAME] [--device-code] [--no-browser]',
      '',
      'Signs in with the browser (authorization code with PKCE) or, with --device-code, shows a code',
      'to confirm on any device. The token is cached where the AWS CLI looks for it.',
      '',
      'Options:',
      '  --session NAME   the sso-session (or profile:NAME for a legacy profile); default: the only one',
      '  --device-code    use the device authorization flow (for machines without a local browser)',
      '  --no-browser     do not open a browser; print the URL to open instead',
    ].join('\n'),
    async run(args, io) {
      const { values } = parseArgs({ args, options: { session: { type: 'string' }, 'device-code': { type: 'boolean' }, 'no-browser': { type: 'boolean' } } });
      return withServices(services, io.env, async (svc) => {
        try {
          const snap = await svc.auth.reload();
          const session = chooseSession(snap.sessions, values.session, io.env);
          const flow = values['device-code'] || values['no-browser'] ? 'device' : 'pkce';
          const started = await svc.auth.signIn(session.id, flow);
          const p = started.pending;
          if (p?.flow === 'device') {
            io.stderr(`\nTo sign in to ${session.name}, open:\n\n    ${p.verificationUriComplete ?? p.verificationUri}\n\nand confirm the code:\n\n    ${p.userCode}\n\nWaiting for approval (Ctrl-C to cancel)...\n`);
          } else if (p) {
            io.stderr(`Opening the browser to sign in to ${session.name}. If it does not open, visit:\n\n    ${p.verificationUriComplete}\n\nWaiting (Ctrl-C to cancel)...\n`);
          }
          void io.interrupted.then(() => svc.auth.cancelSignIn(session.id));
          const done = await svc.auth.waitForSignIn(session.id);
          io.stdout(`Signed in to ${done.name} (${done.startUrl}); the session is valid for ${formatRemaining((done.expiresAt ?? now()) - now())}.\n`);
          return EXIT.ok;
        } catch (e) {
          if (e instanceof FumidaiError && e.code === 'Cancelled') {
            io.stderr('Sign-in cancelled.\n');
            return 130;
          }
          throw e;
        }
      });
    },
  };

  const logout: CliCommand = {
    name: 'logout',
    summary: 'Sign out of an IAM Identity Center session (or --all)',
    usage: 'Usage: fumidai logout [--session NAME | --all]\n\nRevokes the token with IAM Identity Center, removes it from the token cache and wipes cached role credentials.',
    async run(args, io) {
      const { values } = parseArgs({ args, options: { session: { type: 'string' }, all: { type: 'boolean' } } });
      return withServices(services, io.env, async (svc) => {
        const snap = await svc.auth.reload();
        const targets = values.all ? snap.sessions : [chooseSession(snap.sessions, values.session, io.env)];
        for (const s of targets) {
          await svc.auth.signOut(s.id);
          io.stdout(`Signed out of ${s.name}.\n`);
        }
        return EXIT.ok;
      });
    },
  };

  const status: CliCommand = {
    name: 'status',
    summary: 'Show SSO sessions and how long each sign-in remains valid',
    usage: 'Usage: fumidai status [--json]\n\nExit code 0 when at least one session is signed in, 3 when none is.',
    async run(args, io) {
      const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
      return withServices(services, io.env, async (svc) => {
        const snap = await svc.auth.reload();
        if (values.json) io.stdout(`${JSON.stringify(snap, null, 2)}\n`);
        else {
          for (const p of snap.configProblems) io.stderr(`warning: ${p.message}\n`);
          if (snap.sessions.length === 0) io.stdout('No SSO sessions configured. Add one in ~/.aws/config or in the Fumidai app.\n');
          else
            io.stdout(
              table(
                ['SESSION', 'STATE', 'REMAINING', 'START URL', 'REGION'],
                snap.sessions.map((s) => [
                  s.id,
                  s.state,
                  s.expiresAt ? formatRemaining(s.expiresAt - now()) : '-',
                  s.startUrl,
                  s.region,
                ]),
              ),
            );
        }
        return snap.sessions.some((s) => s.state === 'signed-in') ? EXIT.ok : EXIT.signInRequired;
      });
    },
  };

  return [login, logout, status];
}
