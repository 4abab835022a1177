import { existsSync } from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/** A headless Chromium binary: `GWT_CHROMIUM`, else the usual Debian/Ubuntu paths. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env["GWT_CHROMIUM"];
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/** Flags that keep Chromium quiet and offline on a closed network, as root. */
export const CHROMIUM_ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
];

/** Launch headless Chromium through playwright-core (a dev dependency, loaded lazily). */
export async function launchChromium(executablePath: string): Promise<import("playwright-core").Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
