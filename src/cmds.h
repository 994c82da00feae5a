/* cmds: the table of subcommands. Adding one: a cmd_NAME.c defining cmd_NAME_entry, and
 * a CLI_CMD(NAME) row below (in the order `vigie --help` lists them). */
#ifndef VIGIE_CMDS_H
#define VIGIE_CMDS_H

#include "cli.h"

#define CLI_COMMANDS                                                                               \
	CLI_CMD(assess)                                                                            \
	CLI_CMD(validate)                                                                          \
	CLI_CMD(score)                                                                             \
	CLI_CMD(check)                                                                             \
	CLI_CMD(tls)                                                                               \
	CLI_CMD(dns)                                                                               \
	CLI_CMD(keygen)                                                                            \
	CLI_CMD(sign)                                                                              \
	CLI_CMD(verify)                                                                            \
	CLI_CMD(report)                                                                            \
	CLI_CMD(compare)                                                                           \
	CLI_CMD(collect)                                                                           \
	CLI_CMD(summary)                                                                           \
	CLI_CMD(history)                                                                           \
	CLI_CMD(version)

#define CLI_CMD(name) extern const struct cli_cmd cmd_##name##_entry;
CLI_COMMANDS
#undef CLI_CMD

#endif
