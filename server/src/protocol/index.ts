// @namesti/server/protocol — the wire contract shared by server and web. No Node imports.
export * from './enums.ts';
export * from './errors.ts';
export * from './dto.ts';
export * from './schemas.ts';
export * from './events.ts';
export * from './questions.ts';
export * from './chat.ts';
export * from './polls.ts';
export * from './media.ts';
export * from './stage.ts';
export * from './archive.ts';
export * from './board.ts';
export * from './subscriptions.ts';
export * from './mail.ts';
export * from './site.ts';
