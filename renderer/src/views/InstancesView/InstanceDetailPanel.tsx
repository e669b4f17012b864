// One instance in full: every tag, how it can be reached (the core's step-by-step explanation),
// the sessions it offers — each one either a button or the reason it is not possible — the role
// its account is listed with (the user may choose another), and AWS's own words when it refused
// something for this host.
import { forwardRef, useEffect, useState, type ReactNode } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { InstanceDetail, InstanceSummary, InventoryPreferences } from '../../../../common/api/inventory';
import type { ErrorValue, Result } from '../../../../common/api/errors';
import { useI18n } from '../../i18n/i18n';
import { OpenShellButton } from './OpenShellButton';
import { OpenSessionButton } from './OpenSessionButton';
import type { SshTabRoute } from '../../terminals/terminalsStore';
import { bastionRoute } from '../../terminals/sshRoute';
import { StartForwardForm } from '../SessionsView/StartForwardForm';
import type { ForwardSummary } from '../../../../common/api/forwards';
import type { PreferencesChange } from '../../hooks/useInventoryPreferences';
import { explainStep, sessionNote } from './explanation';
import { instanceStateLabel } from './instanceState';

interface Props {
  client: FumidaiClient;
  sessionId: string;
  instance: InstanceSummary;
  favorite: boolean;
  preferences: InventoryPreferences | undefined;
  onChangePreferences: (patch: PreferencesChange) => Promise<Result<InventoryPreferences>>;
  onToggleFavorite: (instance: InstanceSummary, favorite: boolean) => void;
  /** A Session Manager shell, or an SSH tab when `ssh` says how to reach the host. */
  onOpenShell: (instance: InstanceSummary, reason?: string, ssh?: SshTabRoute) => void;
  /** A port forward was started from this panel (the Sessions view lists it). */
  onForwardStarted?: (forward: ForwardSummary) => void;
  onError?: (e: ErrorValue) => void;
  onClose: () => void;
}

/** What changes the detail (the core recomputes routes and sessions from these). */
const detailVersion = (i: InstanceSummary) => `${i.accountId}/${i.region}/${i.instanceId}/${i.state}/${i.route.kind}/${i.roleName}/${i.ssm.ping}`;

export const InstanceDetailPanel = forwardRef<HTMLElement, Props>(function InstanceDetailPanel(
  { client, sessionId, instance: i, favorite, preferences, onChangePreferences, onToggleFavorite, onOpenShell, onForwardStarted, onError, onClose },
  ref,
) {
  const { t, locale } = useI18n();
  const [detail, setDetail] = useState<InstanceDetail | undefined>(undefined);
  const [error, setError] = useState<ErrorValue | undefined>(undefined);
  const version = detailVersion(i);
  const instanceId = i.instanceId;
  useEffect(() => {
    let alive = true;
    setError(undefined);
    void client.inventory.detail({ sessionId, instanceId }).then((r) => {
      if (!alive) return;
      if (r.ok) setDetail(r.value);
      else {
        setDetail(undefined);
        setError(r);
      }
    });
    return () => {
      alive = false;
    };
    // `version` stands for the instance fields the detail depends on (a new snapshot brings new
    // objects for the same host several times a second while loading; that must not refetch).
  }, [client, sessionId, instanceId, version]);
  const current = detail && detail.instance.instanceId === i.instanceId ? detail : undefined;

  return (
    <aside
      ref={ref}
      className={`detail${i.environment === 'production' ? ' detail--production' : ''}`}
      aria-labelledby="detail-title"
      data-testid="instance-detail"
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <header className="detail__head">
        <button
          type="button"
          className={`account__star${favorite ? ' account__star--on' : ''}`}
          aria-pressed={favorite}
          aria-label={t(favorite ? 'instances.unfavorite' : 'instances.favorite')}
          data-testid="detail-favorite"
          onClick={() => onToggleFavorite(i, !favorite)}
        >
          {favorite ? '★' : '☆'}
        </button>
        <div className="detail__title">
          <h2 id="detail-title" className="detail__name" dir="auto">
            {i.name}
          </h2>
          <div className="muted mono">{i.instanceId}</div>
        </div>
        <button type="button" className="button button--ghost" onClick={onClose} aria-label={t('instances.detail.close')} data-testid="detail-close">
          ✕
        </button>
      </header>

      <dl className="detail__facts">
        <dt>{t('instances.col.account')}</dt>
        <dd dir="auto">
          <span className={`env-dot env-dot--${i.environment}`} aria-hidden="true" />
          {i.accountName} <span className="muted mono">{i.accountId}</span>
        </dd>
        <dt>{t('instances.col.region')}</dt>
        <dd>{i.region}</dd>
        <dt>{t('instances.col.state')}</dt>
        <dd>{instanceStateLabel(t, i.state)}</dd>
        <dt>{t('instances.detail.platform')}</dt>
        <dd>
          {i.platform}
          {i.instanceType ? ` · ${i.instanceType}` : ''}
        </dd>
        <dt>{t('instances.col.ip')}</dt>
        <dd className="mono">{i.privateIp ?? '—'}</dd>
        {i.publicIp && (
          <>
            <dt>{t('instances.detail.publicIp')}</dt>
            <dd className="mono">{i.publicIp}</dd>
          </>
        )}
        {i.vpcId && (
          <>
            <dt>{t('instances.detail.vpc')}</dt>
            <dd className="mono">{i.vpcId}</dd>
          </>
        )}
        <dt>{t('instances.detail.agent')}</dt>
        <dd>
          {t(`instances.ping.${i.ssm.ping}`)}
          {i.ssm.agentVersion ? ` · ${i.ssm.agentVersion}` : ''}
        </dd>
      </dl>

      {error && (
        <p className="field__error" role="alert">
          {error.message}
        </p>
      )}

      {current?.denial && (
        <section className="detail__denial" role="alert" data-testid="detail-denial">
          <strong>{t('instances.detail.denied', { action: current.denial.action, role: current.denial.roleName ?? current.roleName })}</strong>
          <p className="detail__aws-words">{current.denial.message}</p>
        </section>
      )}

      <section className="detail__section" aria-labelledby="detail-sessions">
        <h3 id="detail-sessions">{t('instances.detail.sessions')}</h3>
        {!current && !error && <p className="muted">{t('app.loading')}</p>}
        {current && (
          <SessionList
            detail={current}
            instance={i}
            onOpenShell={onOpenShell}
            forwardForm={(close) => (
              <StartForwardForm
                client={client}
                ssoSessionId={sessionId}
                instance={i}
                roleName={current.roleName}
                onCancel={close}
                onError={onError ?? (() => {})}
                onStarted={(f) => {
                  close();
                  onForwardStarted?.(f);
                }}
              />
            )}
          />
        )}
      </section>

      <section className="detail__section" aria-labelledby="detail-route">
        <h3 id="detail-route">
          {t('instances.detail.route')} <span className={`route route--${i.route.kind}`}>{t(`instances.route.${i.route.kind}`)}</span>
        </h3>
        {current && (
          <ul className="detail__steps" data-testid="detail-route">
            {current.routeExplanation.map((step, n) => (
              <li key={n} dir="auto">
                {explainStep(t, locale, step)}
              </li>
            ))}
          </ul>
        )}
      </section>

      {current && <RoleChoice detail={current} preferences={preferences} onChange={onChangePreferences} />}

      <section className="detail__section" aria-labelledby="detail-tags">
        <h3 id="detail-tags">{t('instances.detail.tags', { count: Object.keys(i.tags).length })}</h3>
        {Object.keys(i.tags).length === 0 ? (
          <p className="muted">{t('instances.detail.noTags')}</p>
        ) : (
          <dl className="detail__tags" data-testid="detail-tags">
            {(current?.tags ?? Object.entries(i.tags).map(([key, value]) => ({ key, value }))).map(({ key, value }) => (
              <div key={key} className="detail__tag">
                <dt dir="auto">{key}</dt>
                <dd dir="auto">{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
    </aside>
  );
});

function SessionList({ detail, instance: i, onOpenShell, forwardForm }: { detail: InstanceDetail; instance: InstanceSummary; onOpenShell: Props['onOpenShell']; forwardForm: (close: () => void) => ReactNode }) {
  const { t, locale } = useI18n();
  const [forwarding, setForwarding] = useState(false);
  const forwardCommand = `fumidai forward ${i.instanceId} --remote-port PORT --account ${i.accountId} --role ${detail.roleName} --region ${i.region}`;
  return (
    <ul className="detail__sessions">
      {detail.sessions.map((s) => {
        const label = t(`instances.session.${s.kind}`);
        let action;
        let note = sessionNote(t, locale, s);
        if (s.kind === 'shell' && s.available) {
          action = <OpenShellButton instance={i} onOpen={(reason) => onOpenShell(i, reason)} testId="detail-open-shell" className="button button--primary" />;
        } else if (s.kind === 'port-forward' && s.available) {
          action = (
            <button type="button" className="button" aria-expanded={forwarding} onClick={() => setForwarding((f) => !f)} data-testid="detail-session-port-forward">
              {t('forward.open')}
            </button>
          );
          note = t('instances.session.forwardFromCli');
        } else if (s.kind === 'ssh' && (s.available || i.route.kind === 'ssm')) {
          // Through the bastion (or to the bastion itself) when there is one; SSH over Session
          // Manager as well when the agent is online (hosts whose SSH port only the agent reaches).
          const viaBastion = bastionRoute(detail);
          action = (
            <div className="detail__ssh-actions">
              {viaBastion && (
                <OpenSessionButton instance={i} label={t('instances.ssh.viaBastion')} testId="detail-open-ssh" className="button button--primary" describedBy={`session-why-${s.kind}`} onOpen={(reason) => onOpenShell(i, reason, viaBastion)} />
              )}
              {i.route.kind === 'ssm' && <OpenSessionButton instance={i} label={t('instances.ssh.overSsm')} testId="detail-open-ssh-ssm" describedBy={`session-why-${s.kind}`} onOpen={(reason) => onOpenShell(i, reason, { via: 'ssm' })} />}
            </div>
          );
          if (!viaBastion) note = t('instances.ssh.overSsmNote');
        } else {
          action = (
            <button type="button" className="button" disabled aria-describedby={`session-why-${s.kind}`} data-testid={`detail-session-${s.kind}`}>
              {label}
            </button>
          );
        }
        return (
          <li key={s.kind} className="detail__session" data-testid={`session-${s.kind}`}>
            {action}
            <div id={`session-why-${s.kind}`} className="muted detail__session-note">
              {note}
              {s.available && s.kind === 'port-forward' && <code className="detail__command">{forwardCommand}</code>}
            </div>
            {s.kind === 'port-forward' && s.available && forwarding && forwardForm(() => setForwarding(false))}
          </li>
        );
      })}
    </ul>
  );
}

function RoleChoice({ detail, preferences, onChange }: { detail: InstanceDetail; preferences: InventoryPreferences | undefined; onChange: Props['onChangePreferences'] }) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const accountId = detail.instance.accountId;
  const chosen = preferences?.roles[accountId] ?? '';
  if (detail.roles.length === 0) return null;
  return (
    <section className="detail__section" aria-labelledby="detail-role">
      <h3 id="detail-role">{t('instances.role.title')}</h3>
      <label className="field">
        <span className="field__label">{t('instances.role.label', { account: detail.instance.accountName })}</span>
        <select
          data-testid="detail-role"
          value={chosen}
          disabled={!preferences}
          onChange={async (e) => {
            setProblem(undefined);
            const r = await onChange({ roles: { [accountId]: e.target.value || null } });
            if (!r.ok) setProblem(r.message);
          }}
        >
          <option value="">{t('instances.role.default', { role: detail.roles[0]! })}</option>
          {detail.roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        {problem ? (
          <span className="field__error" role="alert">
            {problem}
          </span>
        ) : (
          <span className="field__hint">{t('instances.role.hint', { role: detail.roleName })}</span>
        )}
      </label>
    </section>
  );
}
