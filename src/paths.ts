/** Where the package's own files are, from src/ (tests) and dist/ (installed) alike: both sit one level below the package root (src/paths.ts, dist/paths.js). */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const VM_DIR = path.join(PACKAGE_ROOT, 'vm');
