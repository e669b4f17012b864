// What `fumidai connect` and `fumidai ssh` say when their shell ends, and the exit code scripts
// get: the remote shell's code when there is one, 1 when the connection was lost (and, for SSH,
// when the shell died of a signal), else 0.
import { describe, expect, it } from 'vitest';
import { FumidaiError } from '../../../common/api/errors';
import { connectEnding } from './connect';
import { sshEnding } from './ssh';

describe('connectEnding', () => {
  it("passes the remote exit code through and says the plugin's closing words", () => {
    expect(connectEnding({ reason: 'closed', exitCode: 3 }, 's-1')).toEqual({ notice: '\r\n\r\nExiting session with sessionId: s-1.\r\n\r\n', exitCode: 3 });
    expect(connectEnding({ reason: 'closed' }, 's-1').exitCode).toBe(0);
    expect(connectEnding({ reason: 'terminated', output: 'Session terminated by admin' }, 's-1')).toEqual({ notice: '\r\n\r\nSessionId: s-1 : Session terminated by admin\r\n\r\n', exitCode: 0 });
  });

  it('fails with 1 and the reason when the connection could not be kept', () => {
    expect(connectEnding({ reason: 'failed', error: new FumidaiError('Network', 'the agent stopped answering') }, 's-1')).toEqual({ notice: '\r\n\r\nSession s-1 ended: the agent stopped answering\r\n', exitCode: 1 });
    expect(connectEnding({ reason: 'failed', exitCode: 0 }, 's-1').exitCode).toBe(1);
  });
});

describe('sshEnding', () => {
  it('passes the remote exit code through', () => {
    expect(sshEnding({ reason: 'closed', exitCode: 5 }, 'web-1')).toEqual({ notice: '\r\nConnection to web-1 closed.\r\n', exitCode: 5 });
    expect(sshEnding({ reason: 'closed' }, 'web-1').exitCode).toBe(0);
  });

  it('fails with 1 when the shell died of a signal or the connection was lost', () => {
    expect(sshEnding({ reason: 'closed', output: 'killed by signal KILL' }, 'web-1')).toEqual({ notice: '\r\nConnection to web-1 closed. killed by signal KILL\r\n', exitCode: 1 });
    expect(sshEnding({ reason: 'failed' }, 'web-1')).toEqual({ notice: '\r\nThe SSH connection to web-1 was lost.\r\n', exitCode: 1 });
  });
});
