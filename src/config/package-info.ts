import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's package.json, found by walking up from this file (it sits at different depths in src/ and dist/). */
function findPackageJson(): { version: string } {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) return { version: '0.0.0' };
    directory = parent;
  }
  return JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as { version: string };
}

export const SIGNPOST_VERSION = findPackageJson().version;
