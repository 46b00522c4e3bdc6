/** The path under which the Yjs WebSocket endpoint lives: /yjs/<room>. */
export const YJS_PATH_PREFIX = '/yjs/';
