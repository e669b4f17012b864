// The instance detail's explanation and session notes in the window: for every step and session
// kind, the English catalog says exactly what the CLI's English formatter says, and Japanese says
// it in Japanese (no English sentence left, no placeholder left unfilled).
import { describe, expect, it } from 'vitest';
import { RouteStepSchema, SessionBlockedSchema, SessionViaSchema, type AgentStatus, type DetailSession, type RouteStep } from '../../common/api/inventory';
import { explainStepInEnglish, formatAgo, sessionNoteInEnglish } from '../../common/inventory/explanation';
import { classifyRoute, type RouteFacts } from '../../main/inventory/route';
import { explainStep, sessionNote } from '../../renderer/src/views/InstancesView/explanation';
import { instanceStateLabel } from '../../renderer/src/views/InstancesView/instanceState';
import { createTranslator } from '../../renderer/src/i18n/i18n';

const en = createTranslator('en');
const ja = createTranslator('ja');
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

const base: RouteFacts = { instanceId: 'i-1', name: 'app', state: 'running', vpcId: 'vpc-1', ping: 'None', tags: {} };
const jump: RouteFacts = { instanceId: 'i-b', name: 'jump', state: 'running', vpcId: 'vpc-1', ping: 'Online', tags: { Role: 'bastion' } };
const routeOf = (facts: Partial<RouteFacts>, neighbours: RouteFacts[] = []) => classifyRoute({ ...base, ...facts }, neighbours);
const because = (r: ReturnType<typeof routeOf>) => ({ ...(r.reason ? { reason: r.reason } : {}), ...(r.why ? { why: r.why } : {}) });

const agents: AgentStatus[] = [
  { ping: 'Online', version: '3.3.40.0', heardMsAgo: 180_000 },
  { ping: 'Online' },
  { ping: 'ConnectionLost', version: '3.2.1', heardMsAgo: 5 * 3_600_000 },
  { ping: 'ConnectionLost', heardMsAgo: 3 * 86_400_000 },
  { ping: 'Inactive', version: '3.1.0' },
  { ping: 'None' },
];

const steps: RouteStep[] = [
  { code: 'state', state: 'running' },
  { code: 'state', state: 'stopped' },
  { code: 'state', state: 'pending' },
  ...agents.map((agent): RouteStep => ({ code: 'agent', agent })),
  { code: 'is-bastion', tag: 'Role=bastion' },
  { code: 'no-vpc' },
  { code: 'bastion-in-vpc', vpc: 'vpc-1', name: 'jump', instanceId: 'i-b', privateIp: '10.0.0.5' },
  { code: 'bastion-in-vpc', vpc: 'vpc-1', name: 'jump', instanceId: 'i-b' },
  { code: 'no-bastion-in-vpc', vpc: 'vpc-1', tag: 'Role=bastion' },
  { code: 'route-ssm' },
  { code: 'route-bastion', bastion: 'jump (i-b)', ...because(routeOf({}, [jump])) },
  { code: 'route-bastion', ...because(routeOf({ tags: { Role: 'bastion' } })) },
  { code: 'route-bastion', bastion: 'jump' },
  { code: 'route-unreachable', ...because(routeOf({ state: 'stopped' })) },
  { code: 'route-unreachable', ...because(routeOf({ state: 'rebooting' })) },
  { code: 'route-unreachable', ...because(routeOf({})) },
  { code: 'route-unreachable', ...because(routeOf({ ping: 'ConnectionLost', vpcId: undefined })) },
  { code: 'route-unreachable' },
  { code: 'route-note', note: routeOf({ ping: 'ConnectionLost' }, [jump]).note!, noteCode: 'agent-lost' },
  { code: 'read-only-role', role: 'ReadOnly', account: 'acme-prod' },
];

const sessions: DetailSession[] = [
  { kind: 'shell', available: true, via: { code: 'ssm' } },
  { kind: 'ssh', available: true, via: { code: 'ssh-direct' } },
  { kind: 'ssh', available: true, via: { code: 'ssh-bastion', bastion: 'jump' } },
  { kind: 'shell', available: false, reason: { code: 'state', state: 'stopped' } },
  { kind: 'shell', available: false, reason: { code: 'state', state: 'rebooting' } },
  ...agents.map((agent): DetailSession => ({ kind: 'port-forward', available: false, reason: { code: 'agent', agent } })),
  { kind: 'ssh', available: false, reason: { code: 'windows' } },
  { kind: 'ssh', available: false, reason: { code: 'no-bastion', tag: 'Role=bastion', vpc: 'vpc-1' } },
  { kind: 'ssh', available: false, reason: { code: 'no-bastion', tag: 'Role=bastion' } },
];

const codesOf = (schema: { options: readonly { shape: { code: { value: string } } }[] }) => schema.options.map((o) => o.shape.code.value).sort();

describe('the instance detail explanation in the window', () => {
  it('covers every step and session kind the contract has', () => {
    expect([...new Set(steps.map((s) => s.code))].sort()).toEqual(codesOf(RouteStepSchema));
    expect([...new Set(sessions.flatMap((s) => (s.via ? [s.via.code] : [])))].sort()).toEqual(codesOf(SessionViaSchema));
    expect([...new Set(sessions.flatMap((s) => (s.reason ? [s.reason.code] : [])))].sort()).toEqual(codesOf(SessionBlockedSchema));
  });

  it.each(steps.map((s) => [explainStepInEnglish(s), s] as const))('step "%s": English matches the CLI, Japanese is its own', (english, step) => {
    expect(explainStep(en, 'en', step)).toBe(english);
    const japanese = explainStep(ja, 'ja', step);
    expect(japanese).not.toBe(english);
    expect(japanese).toMatch(JAPANESE);
    expect(japanese).not.toMatch(/\{\w+\}/);
  });

  it.each(sessions.map((s) => [sessionNoteInEnglish(s)!, s] as const))('session note "%s": English matches the CLI, Japanese is its own', (english, session) => {
    expect(english).toBeTruthy();
    expect(sessionNote(en, 'en', session)).toBe(english);
    const japanese = sessionNote(ja, 'ja', session)!;
    expect(japanese).not.toBe(english);
    expect(japanese).toMatch(JAPANESE);
    expect(japanese).not.toMatch(/\{\w+\}/);
  });

  it('says the exact words, with relative times in each language', () => {
    const lost: RouteStep = { code: 'agent', agent: { ping: 'ConnectionLost', version: '3.2.1', heardMsAgo: 180_000 } };
    expect(explainStepInEnglish(lost)).toBe('SSM agent: registered but has lost its connection (agent 3.2.1), last heard from 3 minutes ago.');
    expect(explainStep(ja, 'ja', lost)).toBe('SSM エージェント: 登録済みですが接続が切れています（バージョン 3.2.1、最終応答 3 分前）。');
    expect(explainStep(ja, 'ja', { code: 'bastion-in-vpc', vpc: 'vpc-1', name: 'jump', instanceId: 'i-b', privateIp: '10.0.0.5' })).toBe('vpc-1 の踏み台: jump（i-b、10.0.0.5）。');
    expect(explainStep(ja, 'ja', { code: 'route-bastion', bastion: 'jump (i-b)', ...because(routeOf({}, [jump])) })).toBe(
      '経路: 踏み台 jump (i-b) 経由の SSH。SSM エージェントが Systems Manager に登録されていません。踏み台 jump (i-b) 経由の SSH で接続できます。',
    );
    expect(explainStep(ja, 'ja', { code: 'route-unreachable' })).toBe('接続不可: 経路が見つかりません。');
    expect(sessionNote(ja, 'ja', { kind: 'ssh', available: true, via: { code: 'ssh-bastion', bastion: 'jump' } })).toBe('jump 経由の SSH');
    expect(sessionNote(ja, 'ja', { kind: 'shell', available: false, reason: { code: 'agent', agent: { ping: 'None' } } })).toBe(
      'Session Manager を使うには SSM エージェントがオンラインである必要があります。このアカウントとリージョンの Systems Manager にエージェントが登録されていません。',
    );
    expect([10_000, 180_000, 5 * 3_600_000, 3 * 86_400_000].map((ms) => formatAgo(ms, 'en'))).toEqual(['10 seconds ago', '3 minutes ago', '5 hours ago', '3 days ago']);
    expect([10_000, 180_000, 5 * 3_600_000, 3 * 86_400_000].map((ms) => formatAgo(ms, 'ja'))).toEqual(['10 秒前', '3 分前', '5 時間前', '3 日前']);
    // A clock a little ahead never reads "in 2 seconds".
    expect(formatAgo(-2_000, 'en')).toBe('0 seconds ago');
  });

  it('names EC2 states as EC2 does in English and as the AWS console does in Japanese', () => {
    const states = ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'];
    expect(states.map((s) => instanceStateLabel(en, s))).toEqual(states);
    expect(states.map((s) => instanceStateLabel(ja, s))).toEqual(['保留中', '実行中', '停止中', '停止済み', 'シャットダウン中', '終了済み']);
    // A state EC2 adds later is shown as it comes, in both languages.
    expect(instanceStateLabel(ja, 'hibernating')).toBe('hibernating');
    expect(explainStep(ja, 'ja', { code: 'state', state: 'pending' })).toBe('状態: 保留中。セッションを開くにはインスタンスが実行中である必要があります。');
  });

  it('keeps the words of a note the window has no code for (an older core)', () => {
    expect(explainStep(ja, 'ja', { code: 'route-note', note: 'Something the core said.' })).toBe('Something the core said.');
  });
});
