// The one place the harness starts the Dify simulator, and the environment variables through which the
// tests inside VS Code find it.
import type * as simModule from '../dify-sim/index';

type SimModule = typeof simModule;
export type Simulator = Awaited<ReturnType<SimModule['startDifySim']>>;
export type SimulatorOptions = NonNullable<Parameters<SimModule['startDifySim']>[0]>;

/** Starts a simulator on a free loopback port (loaded lazily, so harness parts that need none never load it). */
export async function startSimulator(options?: SimulatorOptions): Promise<Simulator> {
  const { startDifySim } = await import('../dify-sim/index');
  return startDifySim(options);
}

/**
 * DIFY_SIM_ORIGIN (`http://127.0.0.1:<port>`, for the `/__sim/` admin API), DIFY_SIM_BASE_URL (what a user
 * would enter as the Dify API base URL) and DIFY_SIM_KEYS (JSON: app kind -> API key).
 */
export function simulatorEnv(sim: Simulator): Record<string, string> {
  return {
    DIFY_SIM_ORIGIN: sim.origin,
    DIFY_SIM_BASE_URL: sim.baseUrl,
    DIFY_SIM_KEYS: JSON.stringify(sim.keys),
  };
}
