// `npm run fuzz`: the fuzz tests of the importers (plan packages, Excel reporting templates) with
// many more damaged inputs than the ordinary test run tries. `npm run fuzz -- 50000` sets how
// many per property (default 5000); ARIADNE_FUZZ_SEED replays the seed a failure printed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = process.argv[2] ?? process.env.ARIADNE_FUZZ_RUNS ?? '5000';
if (!/^\d+$/.test(runs) || Number(runs) < 1) {
  process.stderr.write(`fuzz: the number of inputs must be a positive whole number, not ${runs}\n`);
  process.exit(2);
}
process.stderr.write(`Fuzzing the importers with ${runs} damaged inputs per property…\n`);
const vitest = spawn('npx', ['vitest', 'run', 'packages/server/src/fuzz'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ARIADNE_FUZZ_RUNS: runs },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => vitest.kill(signal));
vitest.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
