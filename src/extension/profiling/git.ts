/** The workspace's git commit, for history entries. No `vscode` here. */
import { execFile } from 'node:child_process';

/**
 * `git rev-parse HEAD` in `cwd`, or undefined when it is not a repository, git is missing, or it takes over
 * `timeoutMs`.
 */
export function gitCommit(cwd: string, timeoutMs = 3000): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', 'HEAD'], { cwd, timeout: timeoutMs, windowsHide: true }, (err, stdout) => {
      const sha = String(stdout ?? '').trim();
      resolve(!err && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined);
    });
  });
}
