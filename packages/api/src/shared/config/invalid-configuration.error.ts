export type ConfigurationProblem = Readonly<{ variable: string; problem: string }>;

/** Raised at start-up so a misconfigured process stops before it serves anything. */
export class InvalidConfigurationError extends Error {
  constructor(readonly problems: readonly ConfigurationProblem[]) {
    super(
      `Invalid configuration:\n${problems.map(({ variable, problem }) => `  ${variable}: ${problem}`).join('\n')}`,
    );
    this.name = 'InvalidConfigurationError';
  }
}
