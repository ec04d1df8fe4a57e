/** The errors of the command line itself: a usage mistake (exit 2), a command that could not do its job (exit 1). */

/** A mistake on the command line. Reported with a pointer to the help; exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";

  /**
   * @param message - What is wrong, naming the option or argument.
   * @param command - The command whose help to point to, if one was recognised.
   */
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/**
 * A command that could not do what it was asked, for a reason it can say in a sentence of its
 * own (nothing to cancel, say). Exit code 1.
 */
export class CommandFailure extends Error {
  override readonly name = "CommandFailure";
}
