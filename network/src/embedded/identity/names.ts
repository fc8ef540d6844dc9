const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** MSP ids and identity names become file names and certificate subjects: keep them plain. */
export function assertPlainName(kind: string, value: string): void {
  if (!NAME.test(value)) {
    throw new TypeError(`${kind} must match ${NAME.source}, got ${JSON.stringify(value)}`);
  }
}
