// The evaluations' numeric options: `--name VALUE` read as a number, or the fallback when absent.
export const numberOption = (args, name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
