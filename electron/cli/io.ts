// Where a command writes: standard output for results, standard error for everything else. Its own module, so
// the command modules and main.ts (which imports them) do not import each other.

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const consoleIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};
