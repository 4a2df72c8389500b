/**
 * What a lesson id looks like, in a module of its own so that cheap callers (`netlessons new`,
 * argument checks) need not load zod and yaml with it.
 */
export const LESSON_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
