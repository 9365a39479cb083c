/**
 * Where the compiled JavaScript of a source file is (`npm run build`, build-services.ts): every workspace's
 * `src/` is compiled into `dist/` beside it, file by file (the last `src/` of a path), so `gateway/src/auth/token-cli.ts` runs as
 * `gateway/dist/auth/token-cli.js`. The folder depth stays the same, so paths a module builds from `__dirname`
 * (the supergraph, the trusted documents, the console, the repository's root) hold compiled as in source.
 */
export const SOURCE_DIR = 'src';
export const COMPILED_DIR = 'dist';

export function compiledPath(source: string): string {
  const match = /^(.*)(^|[\\/])src([\\/].*)\.ts$/.exec(source);
  if (!match) throw new Error(`${source} is not a TypeScript file under a src/ folder`);
  return `${match[1]}${match[2]}${COMPILED_DIR}${match[3]}.js`;
}

/** The source a compiled file comes from (the inverse of compiledPath). */
export function sourcePath(compiled: string): string {
  const match = /^(.*)(^|[\\/])dist([\\/].*)\.js$/.exec(compiled);
  if (!match) throw new Error(`${compiled} is not a JavaScript file under a dist/ folder`);
  return `${match[1]}${match[2]}${SOURCE_DIR}${match[3]}.ts`;
}
