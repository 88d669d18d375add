/**
 * `npm run dify-sim -- [options]`: runs the simulator until Ctrl+C and prints what to configure.
 */
import { readFileSync } from 'node:fs';
import { startDifySim } from './index';
import type { DifySimOptions } from './index';

const USAGE = `Usage: npm run dify-sim -- [options]

Runs the Dify simulator (a stand-in for Dify's Service API) until Ctrl+C.

Options:
  --port N              port to listen on (default 5001; 0 = any free port)
  --host H              address to bind (default 127.0.0.1)
  --version V           1.11.2 (default) or newest: version-dependent behaviours
  --json E              spaced (default; json.dumps with \\u escapes) or compact (orjson, raw UTF-8)
  --token-delay MS      delay between answer deltas (default 20)
  --auto-name-delay MS  delay before a new conversation gets its generated name (default 1000)
  --ping-interval MS    keep-alive ping cadence while streaming (default 10000)
  --tls-key FILE        with --tls-cert: serve https
  --tls-cert FILE
  --flask-debug         report JSON decode errors in detail, as a Flask app in debug mode does
  -h, --help            show this help

In a chat query, "/fault KIND[:ARG]" triggers a fault for that request, e.g. "/fault cut:200",
"/fault error", "/fault hold" (stream pauses until stopped), "/fault 429:5", "/fault html502".
Queries mentioning markdown, long, 中文, citations, tool, moderation, error pick scripted answers.`;

class UsageError extends Error {}

function parseArgs(argv: string[]): DifySimOptions | 'help' {
  const o: DifySimOptions = { port: 5001, tokenDelayMs: 20 };
  let key: string | undefined;
  let cert: string | undefined;
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 0) throw new UsageError(`${flag} needs a non-negative integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--port':
        o.port = num(flag, value());
        break;
      case '--host':
        o.host = value();
        break;
      case '--version': {
        const v = value();
        if (v !== '1.11.2' && v !== 'newest') throw new UsageError('--version must be 1.11.2 or newest');
        o.version = v;
        break;
      }
      case '--json': {
        const v = value();
        if (v !== 'spaced' && v !== 'compact') throw new UsageError('--json must be spaced or compact');
        o.json = v;
        break;
      }
      case '--token-delay':
        o.tokenDelayMs = num(flag, value());
        break;
      case '--auto-name-delay':
        o.autoNameDelayMs = num(flag, value());
        break;
      case '--ping-interval':
        o.pingIntervalMs = Math.max(1, num(flag, value()));
        break;
      case '--tls-key':
        key = value();
        break;
      case '--tls-cert':
        cert = value();
        break;
      case '--flask-debug':
        o.flaskDebug = true;
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  if ((key === undefined) !== (cert === undefined)) throw new UsageError('--tls-key and --tls-cert go together');
  if (key !== undefined && cert !== undefined) o.tls = { key: readFileSync(key), cert: readFileSync(cert) };
  return o;
}

async function main(): Promise<void> {
  let opts: DifySimOptions | 'help';
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`dify-sim: ${e.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (opts === 'help') {
    console.log(USAGE);
    return;
  }
  const sim = await startDifySim(opts);
  console.log(`Dify simulator ${sim.version} listening.`);
  console.log(`  API base URL: ${sim.baseUrl}`);
  console.log('  App API keys:');
  console.log(`    chat (Chatbot)           ${sim.keys.chat}`);
  console.log(`    agent-chat (Agent)       ${sim.keys.agent}`);
  console.log(`    advanced-chat (Chatflow) ${sim.keys.chatflow}`);
  console.log(`    disabled app (403)       ${sim.keys.disabled}`);
  console.log(`    deleted app (403)        ${sim.keys.deleted}`);
  console.log(`    workflow app (not chat)  ${sim.keys.workflow}`);
  console.log(`  Admin API: ${sim.origin}/__sim/stats, /__sim/faults, /__sim/reset, /__sim/seed`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
