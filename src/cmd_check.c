/* vigie check: run a check profile on this machine (or a mounted root) and print the
 * results as a table or as JSON. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/check.h"
#include "cli.h"
#include "cmds.h"
#include "yaml_load.h"

#define CHECK_ONLY_MAX      64 /* ids given to --only */
#define CHECK_TEXT_FINDINGS 20 /* findings printed per check in the table */

static void check_usage(FILE *f)
{
	fputs(
	    "Usage: vigie check [--profile FILE|NAME] [--root DIR] [--json] [--only ID...]\n"
	    "                   [--xdev | --cross-fs]\n"
	    "\n"
	    "Runs the checks of a profile (docs/check-format.md) on this machine: file\n"
	    "permissions of the server, and the other kinds the profile uses. Prints a table\n"
	    "(or JSON) of each check's status and findings.\n"
	    "\n"
	    "Options:\n"
	    "  -p, --profile FILE|NAME  check profile (default: the embedded "
	    "'" VIGIE_DEFAULT_PROFILE "')\n"
	    "  -r, --root DIR           audit DIR as if it were / (a mounted disk image, a copy)\n"
	    "  -j, --json               print the results as JSON\n"
	    "  -o, --only ID[,ID...]    run only these checks (repeatable)\n"
	    "      --xdev               tree scans stay on the file system they start on "
	    "(default)\n"
	    "      --cross-fs           tree scans enter other file systems too\n"
	    "      --threads N          worker threads of tree scans (default: one per core, 4 "
	    "at most)\n"
	    "      --lang fr|en         language of the table\n"
	    "  -h, --help               show this help\n"
	    "\n"
	    "Exit codes: 0 every check passed (or was skipped), 1 findings, warnings or a check\n"
	    "that could not run, 2 usage error or an invalid profile.\n",
	    f);
}

/* Prints s as a JSON string: escapes, and U+FFFD for bytes that are not UTF-8. */
static void check_json_str(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (s == NULL) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	while (*p != '\0') {
		size_t n = *p < 0x80 ? 1 : *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 0;
		size_t bad;

		if (*p == '"' || *p == '\\') {
			printf("\\%c", *p);
		} else if (*p < 0x20 || *p == 0x7f) {
			printf("\\u%04x", *p);
		} else if (n == 1) {
			putchar(*p);
		} else if (n > 1 && strnlen((const char *)p, n) == n &&
		           vg_utf8_valid((const char *)p, n, &bad)) {
			fwrite(p, 1, n, stdout);
			p += n;
			continue;
		} else {
			fputs("\\ufffd", stdout);
		}
		p++;
	}
	putchar('"');
}

static void check_print_json(const struct check_profile *prof, const char *root,
                             const struct check_result *r, size_t n)
{
	size_t count[5] = {0};

	printf("{\"format\": \"vigie-check-results/1\",\n \"profile\": {\"id\": ");
	check_json_str(prof->id);
	printf(", \"version\": ");
	check_json_str(prof->version);
	printf(", \"source\": ");
	check_json_str(prof->source);
	printf("},\n \"root\": ");
	check_json_str(root);
	printf(",\n \"checks\": [");
	for (size_t i = 0; i < n; i++) {
		const struct check_def *d = r[i].def;
		int cap = check_cap(&r[i]);

		count[r[i].status]++;
		printf("%s\n  {\"id\": ", i ? "," : "");
		check_json_str(d->id);
		printf(", \"kind\": \"%s\", \"severity\": \"%s\", \"status\": \"%s\", ",
		       d->kind->name, check_severity_name(d->severity),
		       model_check_status_name(r[i].status));
		printf("\"reason\": ");
		check_json_str(r[i].reason);
		printf(", \"duration\": %.3f, \"examined\": %zu, \"dropped\": %zu, \"cap\": ",
		       r[i].duration, r[i].examined, r[i].dropped);
		if (cap < 0)
			printf("null");
		else
			printf("%d", cap);
		printf(", \"informs\": [");
		for (size_t j = 0; j < d->ninforms; j++) {
			printf("%s", j ? ", " : "");
			check_json_str(d->informs[j]);
		}
		printf("], \"title\": ");
		check_json_str(model_text(&d->title, cli_lang));
		printf(",\n   \"findings\": [");
		for (size_t j = 0; j < r[i].nfindings; j++) {
			const struct check_finding *f = &r[i].findings[j];

			printf("%s\n    {\"level\": \"%s\", \"rule\": \"%s\", \"path\": ",
			       j ? "," : "", model_check_status_name(f->level), f->rule);
			check_json_str(f->path);
			printf(", \"observed\": ");
			check_json_str(f->observed);
			printf(", \"expected\": ");
			check_json_str(f->expected);
			printf("}");
		}
		printf("]}");
	}
	printf("],\n \"summary\": {\"pass\": %zu, \"warn\": %zu, \"fail\": %zu, \"error\": %zu, "
	       "\"skipped\": %zu}}\n",
	       count[VG_CHECK_PASS], count[VG_CHECK_WARN], count[VG_CHECK_FAIL],
	       count[VG_CHECK_ERROR], count[VG_CHECK_SKIPPED]);
}

static const char *check_status_label(enum vg_check_status s)
{
	switch (s) {
	case VG_CHECK_PASS:
		return cli_tr("OK", "PASS");
	case VG_CHECK_WARN:
		return cli_tr("ATTENTION", "WARN");
	case VG_CHECK_FAIL:
		return cli_tr("ÉCHEC", "FAIL");
	case VG_CHECK_ERROR:
		return cli_tr("ERREUR", "ERROR");
	default:
		return cli_tr("IGNORÉ", "SKIPPED");
	}
}

static const char *check_severity_label(enum check_severity s)
{
	return s == CHECK_SEV_HIGH     ? cli_tr("haute", "high")
	       : s == CHECK_SEV_MEDIUM ? cli_tr("moyenne", "medium")
	                               : cli_tr("basse", "low");
}

/* Prints a label padded to width columns (counting characters, not bytes). */
static void check_pad(const char *s, int width)
{
	int cols = 0;

	for (const char *p = s; *p; p++)
		cols += ((unsigned char)*p & 0xc0) != 0x80;
	fputs(s, stdout);
	for (; cols < width; cols++)
		putchar(' ');
}

static void check_print_text(const struct check_profile *prof, const char *root,
                             const struct check_result *r, size_t n)
{
	size_t count[5] = {0};

	printf("%s : %s %s", cli_tr("Profil", "Profile"), prof->id, prof->version);
	if (strcmp(root, "/") != 0)
		printf(" (%s %s)", cli_tr("racine", "root"), root);
	printf("\n\n");
	for (size_t i = 0; i < n; i++) {
		const struct check_def *d = r[i].def;

		count[r[i].status]++;
		check_pad(check_status_label(r[i].status), 10);
		check_pad(check_severity_label(d->severity), 9);
		printf("%-24s %s\n", d->id, model_text(&d->title, cli_lang));
		if (r[i].reason != NULL)
			printf("%20s%s\n", "", r[i].reason);
		for (size_t j = 0; j < r[i].nfindings && j < CHECK_TEXT_FINDINGS; j++) {
			const struct check_finding *f = &r[i].findings[j];

			printf("%20s%s %s : %s (%s : %s)\n", "",
			       f->level == VG_CHECK_WARN ? "?" : "!", f->path, f->observed,
			       cli_tr("attendu", "expected"), f->expected);
		}
		if (r[i].nfindings + r[i].dropped > CHECK_TEXT_FINDINGS)
			printf("%20s%s %zu %s\n", "", cli_tr("... et", "... and"),
			       r[i].nfindings + r[i].dropped - CHECK_TEXT_FINDINGS,
			       cli_tr("autres constats (--json pour la liste complète)",
			              "more findings (--json for the full list)"));
		if (r[i].status == VG_CHECK_FAIL)
			printf("%20s-> %s\n", "", model_text(&d->remediation, cli_lang));
	}
	printf("\n%zu %s : %zu %s, %zu %s, %zu %s, %zu %s, %zu %s\n", n,
	       cli_tr("contrôles", "checks"), count[VG_CHECK_PASS], cli_tr("réussis", "passed"),
	       count[VG_CHECK_FAIL], cli_tr("en échec", "failed"), count[VG_CHECK_WARN],
	       cli_tr("avec avertissement", "with warnings"), count[VG_CHECK_ERROR],
	       cli_tr("en erreur", "in error"), count[VG_CHECK_SKIPPED],
	       cli_tr("ignorés", "skipped"));
}

/* Progress on a terminal: one line, rewritten in place. */
static void check_progress(void *arg, const char *check_id, size_t examined)
{
	(void)arg;
	fprintf(stderr, "\r%s : %zu %s", check_id, examined,
	        cli_tr("entrées examinées", "entries examined"));
	fflush(stderr);
}

static int check_add_only(const char **only, size_t *nonly, char *arg)
{
	for (char *tok = strtok(arg, ","); tok != NULL; tok = strtok(NULL, ",")) {
		if (*nonly >= CHECK_ONLY_MAX)
			return -1;
		only[(*nonly)++] = tok;
	}
	return 0;
}

static int cmd_check_exec(int argc, char **argv)
{
	enum { OPT_XDEV = 256, OPT_CROSS, OPT_THREADS, OPT_LANG };
	static const struct option longopts[] = {
	    {"profile", required_argument, NULL, 'p'},
	    {"root", required_argument, NULL, 'r'},
	    {"json", no_argument, NULL, 'j'},
	    {"only", required_argument, NULL, 'o'},
	    {"xdev", no_argument, NULL, OPT_XDEV},
	    {"cross-fs", no_argument, NULL, OPT_CROSS},
	    {"threads", required_argument, NULL, OPT_THREADS},
	    {"lang", required_argument, NULL, OPT_LANG},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *parg = NULL, *only[CHECK_ONLY_MAX];
	struct check_env env = {0};
	struct check_profile *prof = NULL;
	struct check_result *res = NULL;
	struct vg_err err = {0};
	size_t nonly = 0, nres = 0;
	int c, json = 0, rc = CLI_EXIT_OK;
	char *end;

	env.root = "/";
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+p:r:jo:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			parg = optarg;
			break;
		case 'r':
			env.root = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'o':
			if (check_add_only(only, &nonly, optarg) != 0)
				return cli_usage_error("check", "more than %d ids given to --only",
				                       CHECK_ONLY_MAX);
			break;
		case OPT_XDEV:
			env.cross_fs = false;
			break;
		case OPT_CROSS:
			env.cross_fs = true;
			break;
		case OPT_THREADS:
			env.threads = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || env.threads < 1 || env.threads > 64)
				return cli_usage_error("check", "--threads takes 1 to 64, not '%s'",
				                       optarg);
			break;
		case OPT_LANG:
			if (strcmp(optarg, "fr") == 0)
				cli_lang = VG_LANG_FR;
			else if (strcmp(optarg, "en") == 0)
				cli_lang = VG_LANG_EN;
			else
				return cli_usage_error("check", "--lang takes fr or en, not '%s'",
				                       optarg);
			break;
		case 'h':
			check_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("check", "unknown option or missing value '%s'",
			                       argv[optind - 1]);
		}
	}
	/* --only ID ID...: further ids after the options. */
	for (; optind < argc; optind++) {
		if (nonly == 0)
			return cli_usage_error("check", "unexpected argument '%s'", argv[optind]);
		if (check_add_only(only, &nonly, argv[optind]) != 0)
			return cli_usage_error("check", "more than %d ids given to --only",
			                       CHECK_ONLY_MAX);
	}
	env.lang = cli_lang;
	if (cli_load_profile(parg, &prof, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return CLI_EXIT_USAGE;
	}
	if (!json && isatty(STDERR_FILENO))
		env.progress = check_progress;
	if (check_run_profile(prof, &env, only, nonly, &res, &nres, &err) != 0) {
		cli_warnx("%s", err.msg);
		check_profile_free(prof);
		return CLI_EXIT_USAGE;
	}
	if (env.progress != NULL)
		fputs("\r\033[K", stderr);
	if (json)
		check_print_json(prof, env.root, res, nres);
	else
		check_print_text(prof, env.root, res, nres);
	for (size_t i = 0; i < nres; i++)
		if (res[i].status != VG_CHECK_PASS && res[i].status != VG_CHECK_SKIPPED)
			rc = CLI_EXIT_FAIL;
	check_results_free(res, nres);
	check_profile_free(prof);
	return rc;
}

const struct cli_cmd cmd_check_entry = {
    "check",
    "[--profile FILE] [--root DIR] [--json] [--only ID...]",
    "run automated checks (file permissions...) and print the findings",
    cmd_check_exec,
};
