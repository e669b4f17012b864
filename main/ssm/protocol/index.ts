// The Session Manager data-channel protocol: codec, payloads, reliability and smux framing.
// Plain Node (Buffer, crypto); no Electron, no sockets — callers do the I/O.
export * from './constants';
export * from './messageId';
export * from './codec';
export * from './payloads';
export * from './reliability';
export * from './utf8Chunker';
export * from './smux';
export * from './versions';
export * from './sessionEncryption';
