// The reason behind an instance's route in the window's language, from the structured reason the
// core sends (the core's English sentence is the fallback for anything it does not describe).
import type { Route } from '../../../../common/api/inventory';
import type { MessageKey, Translate } from '../../i18n/i18n';

const STATES = ['stopped', 'stopping', 'pending', 'shutting-down', 'terminated'] as const;

export function routeReason(t: Translate, route: Route): string | undefined {
  const why = route.why;
  if (!why) return route.reason;
  const agent = () => t(`route.agent.${why.agent === 'ConnectionLost' || why.agent === 'Inactive' ? why.agent : 'None'}` as MessageKey);
  switch (why.code) {
    case 'state':
      return (STATES as readonly string[]).includes(why.state ?? '') ? t(`route.state.${why.state}` as MessageKey) : t('route.state.other', { state: why.state ?? '' });
    case 'bastion-self':
      return t('route.bastionSelf', { agent: agent(), tag: why.tag ?? '' });
    case 'via-bastion':
      return t('route.viaBastion', { agent: agent(), bastion: why.bastion ?? '' });
    case 'no-bastion': {
      const where = why.vpc ? t('route.where.vpc', { vpc: why.vpc }) : t('route.where.none');
      return t(why.agent === 'ConnectionLost' ? 'route.noBastion.lost' : 'route.noBastion.install', { agent: agent(), tag: why.tag ?? '', where });
    }
  }
}
