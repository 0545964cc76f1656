/**
 * Sets environment variables the way the Actions runner does for one test, and restores the
 * previous values after. Inputs become `INPUT_<NAME>`: upper case, spaces to `_`, dashes kept.
 */
export function withRunnerEnv<T>(
  inputs: Record<string, string>,
  variables: Record<string, string>,
  body: () => T,
): T {
  const assigned: Record<string, string> = { ...variables };
  for (const [name, value] of Object.entries(inputs)) assigned[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const previous = new Map<string, string | undefined>();
  for (const name of Object.keys(process.env)) {
    if (name.startsWith('INPUT_') || name.startsWith('GITHUB_')) {
      previous.set(name, process.env[name]);
      delete process.env[name];
    }
  }
  for (const [name, value] of Object.entries(assigned)) {
    if (!previous.has(name)) previous.set(name, process.env[name]);
    process.env[name] = value;
  }
  const restore = (): void => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  try {
    const result = body();
    if (result instanceof Promise) return result.finally(restore) as T;
    restore();
    return result;
  } catch (error) {
    restore();
    throw error;
  }
}
