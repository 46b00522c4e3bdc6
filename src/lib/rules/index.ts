/**
 * The rules of a Secretariado Técnico as a pure module: no database, no socket, no clock — `now` is
 * always passed in. The UI translates every `reason` and `rules.*` code this module returns.
 *
 * Articles: see each file; the specification is RULES.md (Z = Zacatecas Lineamientos, I = INAI
 * installation-act template, T = Tacámbaro STM rules).
 *
 * Glossary: Secretariado Técnico Local / Municipal → body (kind 'stl' / 'stm'); sesión → meeting
 * (never "session", which means a login here); see body-rules.ts for the rest.
 */
export * from './body-rules';
export * from './body-rules-vocabulary';
export * from './body-rules-checks';
export * from './local-dates';
export * from './mexican-holidays';
export * from './business-days';
export * from './attendance';
export * from './quorum';
export * from './voting-rights';
export * from './decision';
export * from './notice';
export * from './cancellation';
export * from './term';
export * from './removal';
export * from './oversight';
export * from './presets/index';
export * from './minutes-signers';
export * from './room-actions';
