/* cli: the command table, global options, and what `vigie` alone does. */
#include "cli.h"

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/check.h"
#include "cmds.h"
#include "embedded.h"
#include "paths.h"
#include "tui/tui.h"
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

/* Prints prefix, the formatted message through vg_term_clean, and a newline to stderr.
 * The whole message is cleaned, not each argument: most arguments are an err.msg that
 * mixes vigie's words with what it quotes of a file (a name, a key, a value), and no
 * format of vigie's has a control character, so cleaning all of it changes only what came
 * from outside. Cleaning twice is harmless: an escape is printable text. */
static void cli_vwarn(const char *prefix, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void cli_vwarn(const char *prefix, const char *fmt, va_list ap)
{
	struct vg_buf b;
	char *msg = vg_vasprintf(fmt, ap);

	vg_buf_init(&b, 0);
	fprintf(stderr, "%s%s\n", prefix, vg_term_clean(&b, msg));
	vg_buf_free(&b);
	free(msg);
}

void cli_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vwarn("vigie: ", fmt, ap);
	va_end(ap);
}

void cli_warn_skipped(const char *msg)
{
	cli_warnx(_("ignoré : %s"), msg);
}

void cli_errline(const char *msg)
{
	struct vg_buf b;

	vg_buf_init(&b, 0);
	fprintf(stderr, "%s\n", vg_term_clean(&b, msg));
	vg_buf_free(&b);
}

int cli_exit_code(const struct vg_err *err)
{
	return err->code == VG_EUSAGE ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	/* cmd is "" for vigie's own options. */
	char *prefix = vg_asprintf("vigie%s%s: ", cmd[0] != '\0' ? " " : "", cmd);

	va_start(ap, fmt);
	cli_vwarn(prefix, fmt, ap);
	va_end(ap);
	free(prefix);
	if (cmd[0] != '\0')
		fprintf(stderr, _("Essayez 'vigie %s --help'."), cmd);
	else
		fputs(_("Essayez 'vigie --help'."), stderr);
	fputc('\n', stderr);
	return CLI_EXIT_USAGE;
}

const char *cli_num(double v, int decimals, bool sign, char *buf, size_t len)
{
	return vg_num(v, decimals, sign, cli_lang == VG_LANG_FR, buf, len);
}

const char *cli_tr(const char *fr, const char *en)
{
	return cli_lang == VG_LANG_EN ? en : fr;
}

const char *cli_verdict_word(int verdict)
{
	switch (verdict) {
	case 0:
		return cli_tr("CONFORME", "PASS");
	case 1:
		return cli_tr("À AMÉLIORER", "WARN");
	case 2:
		return cli_tr("ÉCHEC", "FAIL");
	default:
		return cli_tr("ERREUR", "ERROR");
	}
}

const char *cli_severity_word(int severity)
{
	switch (severity) {
	case 3:
		return cli_tr("grave", "high");
	case 2:
		return cli_tr("moyen", "medium");
	case 1:
		return cli_tr("faible", "low");
	default:
		return cli_tr("info", "info");
	}
}

int cli_number(const char *s, long lo, long hi, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return *s != '\0' && *end == '\0' && errno == 0 && *out >= lo && *out <= hi ? 0 : -1;
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
			    _("%s : ni fichier de ce nom, ni questionnaire intégré de ce nom, "
			      "ni %s/questionnaires/%s ; donnez le chemin d'un fichier de "
			      "questionnaire"),
			    arg, paths_data_dir() ? paths_data_dir() : _("(dossier de données)"),
			    name);
		}
	} else if (arg != NULL) {
		return yaml_load_questionnaire_file(arg, q, err);
	} else {
		f = embedded_find(VIGIE_DEFAULT_QUESTIONNAIRE ".yaml");
		if (f == NULL)
			return vg_err_set(err, VG_EINPUT,
			                  _("pas de questionnaire intégré '%s' dans cette version"),
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
		return vg_err_set(
		    err, VG_EINPUT,
		    _("%s : ni fichier de ce nom, ni profil de vérifications intégré de ce nom"),
		    arg != NULL ? arg : VIGIE_DEFAULT_PROFILE);
	snprintf(source, sizeof source, "embedded:%s", f->name);
	return yaml_load_checks(source, (const char *)f->data, f->len, NULL, p, err);
}

static void cli_help(FILE *f)
{
	fputs(_("Utilisation : vigie [--lang fr|en] [COMMANDE [ARGUMENTS...]]\n"
	        "\n"
	        "Autodiagnostic de cybersécurité des collectivités.\n"
	        "Sans commande, vigie lance une évaluation avec le questionnaire intégré.\n"
	        "\n"
	        "Commandes :\n"),
	      f);
	for (size_t i = 0; i < CLI_NCMDS; i++)
		fprintf(f, "  %-10s %s\n", cli_cmds[i]->name, _(cli_cmds[i]->summary));
	fputs(_("\n"
	        "Options :\n"
	        "  --lang fr|en  langue des messages et du contenu (par défaut : français ;\n"
	        "                anglais aussi quand VIGIE_LANG, LANGUAGE, LC_ALL,\n"
	        "                LC_MESSAGES ou LANG commence par \"en\")\n"
	        "  -h, --help    afficher cette aide ; 'vigie COMMANDE --help' pour une commande\n"
	        "  -V, --version afficher la version\n"
	        "\n"
	        "Codes de sortie : 0 succès, 1 entrée invalide, vérification échouée ou\n"
	        "constats, 2 erreur d'utilisation.\n"),
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
	cli_lang = vg_lang_english(NULL, &cli_lang_explicit) ? VG_LANG_EN : VG_LANG_FR;
}

/* A command's own --lang (report, compare, check, assess) also decides the language of
 * its --help and messages: found before the command parses its options. */
static void cli_lang_scan(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			(void)cli_set_lang(argv[++i]);
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			(void)cli_set_lang(argv[i] + 7);
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
	/* Numbers are formatted by vg_num, never by the locale: JSON and CSV keep a point. */
	setlocale(LC_NUMERIC, "C");
	cli_lang_from_env();
	cli_lang_scan(argc, argv);
	tui_i18n_set(cli_lang);
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
				return cli_usage_error("", _("--lang prend fr ou en, pas '%s'"),
				                       argv[i + 1]);
			tui_i18n_set(cli_lang);
			i += 2;
		} else if (strncmp(a, "--lang=", 7) == 0) {
			if (cli_set_lang(a + 7) != 0)
				return cli_usage_error("", _("--lang prend fr ou en, pas '%s'"),
				                       a + 7);
			tui_i18n_set(cli_lang);
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
		cli_warnx(_("commande inconnue '%s'"), argv[i]);
		fputs(_("Lancez 'vigie --help' pour la liste des commandes.\n"), stderr);
		return CLI_EXIT_USAGE;
	}
	return cmd->exec(argc - i, argv + i);
}

void cli_json_str(const char *s)
{
	putchar('"');
	for (; s != NULL && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

void cli_finding_text(int severity, const char *code, const char *fr, const char *en,
                      const char *detail)
{
	/* French typography: a space before the colon. */
	printf("  [%s] %s%s %s\n", cli_severity_word(severity), code, cli_tr(" :", ":"),
	       cli_tr(fr, en));
	if (detail[0] != '\0')
		printf("      %s\n", detail);
}

void cli_error_text(const char *code, const char *fr, const char *en)
{
	printf("  %s [%s]%s %s\n", cli_tr("Erreur", "Error"), code, cli_tr(" :", ":"),
	       cli_tr(fr, en));
}

void cli_finding_json(bool first, const char *code, const char *aspect, const char *severity,
                      const char *fr, const char *en, const char *detail)
{
	printf("%s\n   {\"code\": \"%s\", ", first ? "" : ",", code);
	if (aspect != NULL)
		printf("\"aspect\": \"%s\", ", aspect);
	printf("\"severity\": \"%s\", \"fr\": ", severity);
	cli_json_str(fr);
	printf(", \"en\": ");
	cli_json_str(en);
	printf(", \"detail\": ");
	cli_json_str(detail);
	printf("}");
}
