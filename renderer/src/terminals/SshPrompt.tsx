// The questions an SSH login asks while its tab connects, as a proper form over the terminal:
// a host key seen for the first time (its SHA256 fingerprint, trust or cancel — cancel is the
// default button), or a keyboard-interactive round such as a TOTP code, masked when the server
// says the answer must not be echoed. Answers are sent once and the fields are cleared; nothing
// typed here reaches the terminal, its scrollback or a recording.
import { useEffect, useRef, useState } from 'react';
import type { TerminalPrompt } from '../../../common/api/sessions';
import { useI18n } from '../i18n/i18n';

interface Props {
  prompt: TerminalPrompt;
  onAnswer: (accept: boolean, responses?: string[]) => void;
}

export function SshPrompt({ prompt, onAnswer }: Props) {
  return prompt.kind === 'host-key' ? <HostKeyPrompt prompt={prompt} onAnswer={onAnswer} /> : <KeyboardInteractivePrompt key={prompt.promptId} prompt={prompt} onAnswer={onAnswer} />;
}

function HostKeyPrompt({ prompt, onAnswer }: { prompt: Extract<TerminalPrompt, { kind: 'host-key' }>; onAnswer: Props['onAnswer'] }) {
  const { t } = useI18n();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), [prompt.promptId]);
  return (
    <div className="ssh-prompt" role="dialog" aria-modal="false" aria-labelledby="ssh-hostkey-title" data-testid="ssh-hostkey-prompt">
      <strong id="ssh-hostkey-title">{t('ssh.hostKey.title', { host: prompt.host })}</strong>
      <p className="muted">{t('ssh.hostKey.body')}</p>
      <dl className="ssh-prompt__facts">
        <dt>{t('ssh.hostKey.type')}</dt>
        <dd>{prompt.keyType}</dd>
        <dt>{t('ssh.hostKey.fingerprint')}</dt>
        <dd>
          <code data-testid="ssh-hostkey-fingerprint">{prompt.fingerprint}</code>
        </dd>
        <dt>{t('ssh.hostKey.savedAs')}</dt>
        <dd>
          <code>{prompt.hostKeyName}</code>
        </dd>
      </dl>
      {prompt.otherTypes.length > 0 && <p className="field__hint">{t('ssh.hostKey.otherTypes', { types: prompt.otherTypes.join(', ') })}</p>}
      <div className="signin__actions">
        <button ref={cancel} type="button" className="button" onClick={() => onAnswer(false)} data-testid="ssh-hostkey-reject">
          {t('ssh.hostKey.reject')}
        </button>
        <button type="button" className="button button--primary" onClick={() => onAnswer(true)} data-testid="ssh-hostkey-accept">
          {t('ssh.hostKey.accept')}
        </button>
      </div>
    </div>
  );
}

function KeyboardInteractivePrompt({ prompt, onAnswer }: { prompt: Extract<TerminalPrompt, { kind: 'keyboard-interactive' }>; onAnswer: Props['onAnswer'] }) {
  const { t } = useI18n();
  const [values, setValues] = useState<string[]>(() => prompt.prompts.map(() => ''));
  const send = (accept: boolean) => {
    const answers = accept ? values : undefined;
    // Nothing the person typed stays in the page once it is sent.
    setValues(prompt.prompts.map(() => ''));
    onAnswer(accept, answers);
  };
  return (
    <form
      className="ssh-prompt"
      aria-labelledby="ssh-ki-title"
      data-testid="ssh-ki-prompt"
      autoComplete="off"
      onSubmit={(e) => {
        e.preventDefault();
        send(true);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          send(false);
        }
      }}
    >
      <strong id="ssh-ki-title">{prompt.name || t('ssh.ki.title', { host: prompt.host })}</strong>
      {prompt.name && <span className="muted">{prompt.host}</span>}
      {prompt.instructions && <p className="muted ssh-prompt__instructions">{prompt.instructions}</p>}
      {prompt.prompts.map((p, i) => (
        <label key={i} className="field">
          <span className="field__label">{p.prompt.trim() || t('ssh.ki.answer')}</span>
          <input
            type={p.echo ? 'text' : 'password'}
            autoFocus={i === 0}
            autoComplete={p.echo ? 'off' : 'one-time-code'}
            spellCheck={false}
            value={values[i] ?? ''}
            maxLength={1024}
            onChange={(e) => setValues((vs) => vs.map((v, j) => (j === i ? e.target.value : v)))}
            data-testid={`ssh-ki-input-${i}`}
          />
        </label>
      ))}
      <div className="signin__actions">
        <button type="button" className="button" onClick={() => send(false)} data-testid="ssh-ki-cancel">
          {t('signin.cancel')}
        </button>
        <button type="submit" className="button button--primary" data-testid="ssh-ki-submit">
          {t('ssh.ki.submit')}
        </button>
      </div>
    </form>
  );
}
