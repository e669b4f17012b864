import type { DataChannelBroker, SessionBrokerOptions } from './broker';

export function createSessionBroker(_opts: SessionBrokerOptions): DataChannelBroker {
  throw new Error('not implemented yet');
}
