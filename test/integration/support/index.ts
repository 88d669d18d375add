// The helpers every integration suite shares, in one place.
export * from './conversations';
export * from './dialogs';
export * from './env';
export * from './events';
export * from './servers';
export * from './settings';
export * from './sim';
