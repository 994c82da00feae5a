/* cli: the command table, global options, and what `vigie` alone does. */
#include "cli.h"

#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/check.h"
#include "cmds.h"
#include "embedded.h"
#include "paths.h"
#include "yaml_load.h"

enum vg_lang cli_lang = VG_LANG_FR;
bool cli_lang_explicit;

/* The command table: one row per subcommand, each implemented in its cmd_*.c file. */
static const struct cli_cmd *const cli_cmds[] = {
#define CLI_CMD(name) &cmd_##name##_entry,
    CLI_COMMANDS
#undef CLI_CMD
};

#define CLI_NCMDS (sizeof cli_cmds / sizeof cli_cmds[0])

void cli_warnx(const char *fmt, ...)
{
	va_list ap;

	fputs("vigie: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_exit_code(const struct vg_err *err)
{
	return err->code == VG_EUSAGE ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vigie %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'vigie %s --help'.\n", cmd);
	return CLI_EXIT_USAGE;
}

const char *cli_tr(const char *fr, const char *en)
{
	return cli_lang == VG_LANG_EN ? en : fr;
}

int cli_is_help(const char *arg)
{
	return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

int cli_load_questionnaire(const char *arg, struct vg_questionnaire **q, struct vg_err *err)
{
	const struct embedded_file *f;
	char name[128], source[160];

	*q = NULL;
	if (arg != NULL && strchr(arg, '/') == NULL && strlen(arg) < 100 &&
	    strstr(arg, ".yaml") == NULL) {
		/* A bare name: an embedded questionnaire, unless a file of that name exists. */
		FILE *probe = fopen(arg, "r");

		if (probe != NULL) {
			fclose(probe);
			return yaml_load_questionnaire_file(arg, q, err);
		}
		snprintf(name, sizeof name, "%s.yaml", arg);
		f = embedded_find(name);
		if (f == NULL) {
			/* Not embedded: DATADIR/questionnaires/NAME.yaml (src/paths.h). */
			char path[PATHS_MAX];

			if (paths_data_file("questionnaires", name, path, sizeof path) == 0)
				return yaml_load_questionnaire_file(path, q, err);
			return vg_err_set(
			    err, VG_EINPUT,
			    "%s: no such file, no embedded questionnaire of that name, "
			    "and no %s/questionnaires/%s; give the path of a "
			    "questionnaire file",
			    arg, paths_data_dir() ? paths_data_dir() : "(data directory)", name);
		}
	} else if (arg != NULL) {
		return yaml_load_questionnaire_file(arg, q, err);
	} else {
		f = embedded_find(VIGIE_DEFAULT_QUESTIONNAIRE ".yaml");
		if (f == NULL)
			return vg_err_set(err, VG_EINPUT,
			                  "no embedded questionnaire '%s' in this build",
			                  VIGIE_DEFAULT_QUESTIONNAIRE);
	}
	snprintf(source, sizeof source, "embedded:%s", f->name);
	return yaml_load_questionnaire(source, (const char *)f->data, f->len, q, err);
}

int cli_load_profile(const char *arg, struct check_profile **p, struct vg_err *err)
{
	const struct embedded_file *f;
	char name[128], source[160];

	*p = NULL;
	if (arg != NULL && (strchr(arg, '/') != NULL || strstr(arg, ".yaml") != NULL ||
	                    access(arg, F_OK) == 0 || strlen(arg) >= 100))
		return yaml_load_checks_file(arg, NULL, p, err);
	snprintf(name, sizeof name, "%s.yaml", arg != NULL ? arg : VIGIE_DEFAULT_PROFILE);
	f = embedded_find(name);
	if (f == NULL)
		return vg_err_set(err, VG_EINPUT,
		                  "%s: no such file, and no embedded check profile of that name",
		                  arg != NULL ? arg : VIGIE_DEFAULT_PROFILE);
	snprintf(source, sizeof source, "embedded:%s", f->name);
	return yaml_load_checks(source, (const char *)f->data, f->len, NULL, p, err);
}

static void cli_help(FILE *f)
{
	fputs("Usage: vigie [--lang fr|en] [COMMAND [ARGS...]]\n"
	      "\n"
	      "Cybersecurity self-assessment for French local authorities.\n"
	      "Without a command, vigie starts an assessment with the embedded questionnaire.\n"
	      "\n"
	      "Commands:\n",
	      f);
	for (size_t i = 0; i < CLI_NCMDS; i++)
		fprintf(f, "  %-10s %s\n", cli_cmds[i]->name, cli_cmds[i]->summary);
	fputs("\n"
	      "Options:\n"
	      "  --lang fr|en  language of messages and content (default: French;\n"
	      "                also VIGIE_LANG, or LANG/LANGUAGE starting with \"en\")\n"
	      "  -h, --help    show this help; 'vigie COMMAND --help' for a command\n"
	      "  -V, --version show the version\n"
	      "\n"
	      "Exit codes: 0 success, 1 invalid input, failed verification or findings,\n"
	      "2 usage error.\n",
	      f);
}

static int cli_set_lang(const char *s)
{
	if (strcmp(s, "fr") == 0)
		cli_lang = VG_LANG_FR;
	else if (strcmp(s, "en") == 0)
		cli_lang = VG_LANG_EN;
	else
		return -1;
	cli_lang_explicit = true;
	return 0;
}

static void cli_lang_from_env(void)
{
	const char *vars[] = {"VIGIE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);

		if (v == NULL || *v == '\0')
			continue;
		cli_lang = strncmp(v, "en", 2) == 0 ? VG_LANG_EN : VG_LANG_FR;
		cli_lang_explicit = i == 0;
		return;
	}
}

static const struct cli_cmd *cli_find(const char *name)
{
	for (size_t i = 0; i < CLI_NCMDS; i++)
		if (strcmp(cli_cmds[i]->name, name) == 0)
			return cli_cmds[i];
	return NULL;
}

int cli_main(int argc, char **argv)
{
	const struct cli_cmd *cmd;
	int i = 1;

	setlocale(LC_ALL, "");
	cli_lang_from_env();
	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			cli_help(stdout);
			return CLI_EXIT_OK;
		} else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			char *args[] = {"version", NULL};

			return cmd_version_entry.exec(1, args);
		} else if (strcmp(a, "--lang") == 0 && i + 1 < argc) {
			if (cli_set_lang(argv[i + 1]) != 0)
				return cli_usage_error("", "--lang takes fr or en, not '%s'",
				                       argv[i + 1]);
			i += 2;
		} else if (strncmp(a, "--lang=", 7) == 0) {
			if (cli_set_lang(a + 7) != 0)
				return cli_usage_error("", "--lang takes fr or en, not '%s'",
				                       a + 7);
			i++;
		} else {
			/* Options of the default command (the assessment). */
			break;
		}
	}
	if (i >= argc || argv[i][0] == '-') {
		cmd = cli_find("assess");
		if (cmd == NULL) {
			cli_help(stdout);
			return CLI_EXIT_OK;
		}
		argv[i - 1] = (char *)cmd->name;
		return cmd->exec(argc - i + 1, argv + i - 1);
	}
	cmd = cli_find(argv[i]);
	if (cmd == NULL) {
		cli_warnx("unknown command '%s'", argv[i]);
		fputs("Run 'vigie --help' for the list of commands.\n", stderr);
		return CLI_EXIT_USAGE;
	}
	return cmd->exec(argc - i, argv + i);
}
