/** The one error shape every endpoint answers with; clients match on `code`, never on `message`. */
export type HttpErrorBody = Readonly<{
  statusCode: number;
  code: string;
  message: string;
  /** One entry per rejected field, for VALIDATION_FAILED only. */
  details?: readonly string[];
}>;
