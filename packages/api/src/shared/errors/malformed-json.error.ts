/** The body claimed to be JSON but could not be parsed. */
export class MalformedJsonError extends Error {
  constructor(message = 'Request body is not valid JSON') {
    super(message);
    this.name = 'MalformedJsonError';
  }
}
