import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Writes `files` into a fresh folder, runs real pytest there and returns its exit code and output. */
export function runPytest(files: Record<string, string>): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-generated-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const result = spawnSync('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-p', 'no:randomly'], { cwd: dir, encoding: 'utf8', timeout: 120000 });
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
