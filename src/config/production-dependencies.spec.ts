import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

/** The packages the service's own code imports at run time (tests and type-only imports excluded). */
function importedPackages(directory: string): Set<string> {
  const found = new Set<string>();
  for (const name of readdirSync(directory)) {
    const file = path.join(directory, name);
    if (statSync(file).isDirectory()) {
      for (const inner of importedPackages(file)) found.add(inner);
      continue;
    }
    if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(
      /^\s*(?:import|export)\s(?!type\s)[^;]*?from\s+'([^'.][^']*)'|import\('([^'.][^']*)'\)/gm,
    )) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith('node:')) continue;
      found.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
    }
  }
  return found;
}

describe('production dependencies', () => {
  it('lists every package the service imports under dependencies, so the production image (npm prune --omit=dev) has it', () => {
    const manifest = JSON.parse(readFileSync(path.resolve('package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const imported = [...importedPackages(path.resolve('src')), ...importedPackages(path.resolve('migrations'))];
    expect(imported.length).toBeGreaterThan(20);
    expect(imported.filter((name) => !(name in manifest.dependencies)).sort()).toEqual([]);
  });
});
