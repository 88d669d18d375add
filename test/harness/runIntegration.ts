// `npm run test:integration`: the mocha suites in test/integration, inside the extension host of a real
// VS Code (code-server 4.100.3 = VS Code 1.100.3) driven by Chromium, against the Dify simulator.
//   npm run test:integration -- --grep "activation"     (or MOCHA_GREP=activation)
//   DIFY_INTEGRATION_TIMEOUT_S=900 npm run test:integration
import { optionValue, secondsFromEnv } from './args';
import { runExtensionTests } from './extensionTests';
import { secondsSince, step } from './log';
import { simulatorEnv, startSimulator } from './sim';
import { reportLayer } from './summary';

async function main(): Promise<number> {
  const began = Date.now();
  const argv = process.argv.slice(2);
  const grep = optionValue(argv, 'grep') ?? argv.find((a) => !a.startsWith('--')) ?? process.env['MOCHA_GREP'];
  const timeoutS = secondsFromEnv('DIFY_INTEGRATION_TIMEOUT_S', 600);

  step('starting the Dify simulator');
  const sim = await startSimulator();
  try {
    step(`simulator at ${sim.baseUrl}${grep ? `; only tests matching /${grep}/` : ''}`);
    const { code, counts } = await runExtensionTests({
      env: simulatorEnv(sim),
      ...(grep ? { grep } : {}),
      timeoutMs: timeoutS * 1000,
    });
    const seconds = secondsSince(began);
    if (counts) {
      reportLayer('integration', { passed: counts.passed, failed: counts.failed, skipped: counts.pending }, `${seconds} s`);
    } else {
      reportLayer('integration', { passed: 0, failed: 1, skipped: 0 }, `no results: the run itself failed after ${seconds} s`);
    }
    // A suite that reported no failure but exited non-zero (e.g. a tests module that failed to load) still fails.
    return code !== 0 ? code : counts && counts.failed > 0 ? 1 : 0;
  } finally {
    await sim.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[harness] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
