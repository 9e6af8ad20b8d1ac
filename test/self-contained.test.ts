import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

// A fresh clone has nothing beside it: no file of the project may reach outside the
// repository (as the API-security vectors once did, from a sibling `shared` folder).

const root = path.resolve(__dirname, '..');
const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((file) => /\.(?:ts|js|mjs|cjs|json|sh)$|^\.ci\//.test(file) && file !== 'package-lock.json');

describe('the repository is self-contained', () => {
  it('has files to check', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', '.ci/run', 'test/security/vectors.ts']));
  });

  it('has no path that climbs out of the repository or names a machine folder', () => {
    const outside = files.filter((file) => {
      const text = readFileSync(path.join(root, file), 'utf8');
      const depth = file.split('/').length - 1;
      // One `../` more than the file's depth leaves the repository.
      return text.includes(`${'../'.repeat(depth + 1)}`) || /['"`]\/work\//.test(text);
    });
    expect(outside).toEqual([]);
  });
});
