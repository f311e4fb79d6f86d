/** Reads `hubplan <command> ACTION [--options]` for commands with actions (`user add`, `partnership list`). */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP_OPTION = { help: { type: 'boolean' } } as const;

/**
 * The action and its option values; or, for `--help`, no action or options it cannot read, the exit
 * code after printing the help (0 when asked for, else 2 with the reason).
 */
export function parseSubcommand<O extends Options>(args: string[], options: O, help: string) {
	const [action, ...rest] = args;
	try {
		const { values } = parseArgs<{ args: string[]; options: O & typeof HELP_OPTION; strict: true }>({ args: rest, options: { ...options, ...HELP_OPTION }, strict: true });
		if (!action || action === '--help' || (values as { help?: boolean }).help) {
			(action ? process.stdout : process.stderr).write(help);
			return action ? 0 : 2;
		}
		return { action, values };
	} catch (error) {
		process.stderr.write(`${error instanceof Error ? error.message : error}\n\n${help}`);
		return 2;
	}
}
