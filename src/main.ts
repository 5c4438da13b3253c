import 'dotenv/config';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { startPlayground } from './playground/index.ts';
import { createSlackApp } from './slack/app.ts';
import { classifySlackError } from './slack/deliver.ts';

/** Entry point: Socket Mode, HTTP mode or the local playground, from the environment (and `.env`). */

function readConfig(): Config {
  try {
    return loadConfig(process.env, { forcePlayground: process.argv.includes('--playground') });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Stops once, on SIGTERM/SIGINT or through the function returned (for another reason, printed as `why`),
 * letting requests in flight finish, then exits 0.
 */
function stopOnSignal(stop: () => Promise<void>): (why: string) => void {
  let stopping = false;
  const stopFor = (why: string) => {
    if (stopping) return;
    stopping = true;
    console.error(why);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Stopping failed:', error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals) =>
    stopFor(`${signal} received: finishing requests in flight, then stopping.`);
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return stopFor;
}

async function main(): Promise<void> {
  const config = readConfig();
  if (config.mode === 'playground') {
    const playground = await startPlayground({
      port: config.port,
      logLevel: config.logLevel,
      database: config.database,
    });
    stopOnSignal(() => playground.close());
    console.log(`Local playground (a stand-in Slack, no workspace needed): ${playground.url}`);
    console.log(
      'To use a real workspace instead, create the app from manifests/manifest.json and set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (see .env.example).',
    );
    return;
  }
  const slackApp = createSlackApp(config);
  const { port } = await slackApp.start();
  // Before the line that says it is up: whoever waits for that line may stop it the moment it appears.
  const stopFor = stopOnSignal(() => slackApp.stop());
  console.log(
    config.mode === 'socket'
      ? 'rust-or-python is connected to Slack over Socket Mode.'
      : `rust-or-python is listening on port ${port}: Slack requests at POST /slack/events, health at GET /healthz${
          config.mode === 'distribution' ? ', "Add to Slack" at GET /slack/install' : ''
        }.`,
  );
  // Slack turned Socket Mode off for the app (the log says so). Exit 0, not a failure, so that a supervisor
  // restarting failed processes does not restart it into a loop until someone turns Socket Mode back on.
  void slackApp.ended.then(() =>
    stopFor('Socket Mode is off for this app: finishing requests in flight, then stopping.'),
  );
}

main().catch((error: unknown) => {
  // Start-up failures (a rejected token, a port in use) end the process with one readable line.
  const failure = classifySlackError(error);
  if (failure.kind === 'auth') {
    console.error(
      `rust-or-python could not start: Slack rejected the token (${failure.code}). Check SLACK_BOT_TOKEN and SLACK_APP_TOKEN, or reinstall the app to the workspace.`,
    );
  } else {
    console.error('rust-or-python could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
