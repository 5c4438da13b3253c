import { type Logger, LogLevel } from '@slack/bolt';

/** A logger for a Web API client or a delivery that writes nothing: what it would log is not the test's subject. */
export const quietLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};
