import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The folder that holds python/ and dist/: the .vsix or checkout root. Found by walking up from this module, because
 * it runs both bundled (dist/*.js, one level down) and from source under tsx (several levels down).
 */
export function installRoot(marker = path.join('python', 'harness.py')): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, marker))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`${marker} not found above ${__dirname}`);
  }
}
