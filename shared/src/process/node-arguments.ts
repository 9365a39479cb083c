/**
 * The arguments of `node` that run a file: a compiled `.js` file as it is (every service, shared/src/build/),
 * a `.ts` file through the TypeScript loader (the tools and test helpers that stay on source).
 */
export const nodeArguments = (entry: string, args: readonly string[] = []): string[] =>
  entry.endsWith('.ts') ? ['-r', '@swc-node/register', entry, ...args] : [entry, ...args];
