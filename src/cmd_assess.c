/* vigie assess: the interactive assessment (what `vigie` alone runs). */
#include <getopt.h>
#include <libintl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assess_checks.h"
#include "cli.h"
#include "cmds.h"
#include "scorecard.h"
#include "scoring.h"
#include "session.h"
#include "sign.h"
#include "tui/tui.h"

#define _(s) gettext(s)

/* Where the checks step looks: --check-root, else / on Linux, else nowhere (the checks
 * step then says no check applies). */
#ifdef __linux__
static const char *assess_check_root = "/";
#else
static const char *assess_check_root = NULL;
#endif
/* --check-root as given (NULL: not given; the checks step then asks what machine this is). */
static const char *assess_check_root_arg;
/* --tls-ca: the CAs the TLS probes of the checks step trust (NULL: the system store). */
static const char *assess_tls_ca;
/* --resolver, --trust-anchor: what the domain check of the checks step asks and validates
 * with (NULL: the system's resolvers, Debian's root key). */
static const char *assess_dns_resolver;
static const char *assess_dns_anchor;

/* Scores the answers (with any evidence) and writes the scorecard JSON to path; host is
 * where the server checks ran when that is a machine's name (not a --check-root
 * directory, not when they did not run). Each evidence entry carries when (run_at) and
 * where it was made. */
static int assess_scorecard_write(const struct vg_answers *as, const struct vg_evidence *ev,
                                  size_t nev, const char *run_at, const char *where,
                                  const char *const *ev_where, const char *path, struct vg_err *err)
{
	struct score_result r;
	struct scorecard_input in;
	char *out = NULL;
	size_t len;
	int rc;

	score_compute(as, ev, nev, &r);
	in = (struct scorecard_input){as, &r, ev, nev, NULL, NULL, run_at, where, ev_where};
	if (nev > 0 && where != NULL && where[0] != '/')
		in.host = where;
	rc = scorecard_write(&in, &out, &len, err);
	if (rc == 0)
		rc = vg_write_atomic(path, out, len, 0600, err);
	free(out);
	score_free(&r);
	return rc;
}

/* How many checks of the embedded profile inform q's questions. */
static size_t assess_checks_count_hook(const struct vg_questionnaire *q)
{
	return assess_check_root != NULL ? assess_checks_count(q, NULL) : 0;
}

/* Runs them on assess_check_root when server is set, probes the website and mail server
 * given and looks at the domain given, in the UI language. */
static int assess_checks_run_hook(const struct vg_questionnaire *q, const struct vg_answers *as,
                                  bool server, const char *site, const char *mail,
                                  const char *domain, const struct tui_progress *pg,
                                  struct vg_evidence **ev, size_t *nev, char **where,
                                  struct vg_err *err)
{
	struct assess_tls tls = {
	    site, mail, assess_tls_ca, domain, assess_dns_resolver, assess_dns_anchor};
	struct assess_progress ap;
	const char *root = server ? assess_check_root : NULL;
	char host[256];

	*where = NULL;
	if (pg != NULL)
		ap = (struct assess_progress){pg->step, pg->scan, pg->stopped, pg->arg};
	if (assess_checks_run(q, as, NULL, root, &tls, cli_lang, pg != NULL ? &ap : NULL, ev, nev,
	                      err) != 0)
		return -1;
	if (root != NULL && strcmp(root, "/") == 0 && gethostname(host, sizeof host) == 0) {
		host[sizeof host - 1] = '\0';
		*where = vg_strdup(host);
	} else if (root != NULL) {
		*where = realpath(root, NULL);
		if (*where != NULL) {
			/* realpath's memory is libc's: hand back one of ours. */
			char *w = vg_strdup(*where);

			free(*where);
			*where = w;
		} else {
			*where = vg_strdup(root);
		}
	}
	return 0;
}

/* path as one shell word: as it is when made of safe characters only, else quoted. */
static char *assess_shell_word(const char *path)
{
	struct vg_buf b;

	if (path[0] != '\0' && strspn(path, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                                    "0123456789_-./+,:@%") == strlen(path))
		return vg_strdup(path);
	vg_buf_init(&b, 4 * strlen(path) + 3);
	vg_buf_puts(&b, "'");
	for (const char *c = path; *c != '\0'; c++)
		vg_buf_puts(&b, *c == '\'' ? "'\\''" : (char[2]){*c, '\0'});
	vg_buf_puts(&b, "'");
	return b.data;
}

/*
 * Signs the exported scorecard with the default key (vigie keygen's), without ever
 * prompting: curses may own the terminal. An encrypted key needs VIGIE_PASSPHRASE.
 * Anything that prevents signing leaves the scorecard unsigned, with a note saying why
 * and the command to run afterwards.
 */
static int assess_scorecard_sign(const char *path, char **sig, char **note, struct vg_err *err)
{
	char prefix[4096], key[4200], *word = assess_shell_word(path);
	struct sign_key *k = NULL;
	struct vg_err e = {0};
	struct stat st;
	bool enc = false;

	(void)err;
	*sig = NULL;
	*note = NULL;
	if (sign_default_prefix(prefix, sizeof prefix, false, &e) != 0 ||
	    (snprintf(key, sizeof key, "%s.key", prefix), lstat(key, &st) != 0)) {
		*note =
		    vg_asprintf(_("pas de clé de signature ; créez-en une avec « vigie keygen » "
		                  "puis signez avec « vigie sign %s »"),
		                word);
	} else if (sign_key_encrypted(key, &enc, &e) != 0) {
		*note = vg_asprintf(_("%s ; signez ensuite avec « vigie sign %s »"), e.msg, word);
	} else if (enc && getenv(SIGN_PASSPHRASE_ENV) == NULL) {
		*note =
		    vg_asprintf(_("la clé %s est protégée par une phrase de passe ; signez avec "
		                  "« vigie sign %s »"),
		                key, word);
	} else if (sign_key_load(key, &k, &e) != 0 ||
	           cli_sign_scorecard(path, k, NULL, NULL, sig, &e) != 0) {
		*note = vg_asprintf(_("%s ; signez ensuite avec « vigie sign %s »"), e.msg, word);
	}
	sign_key_free(k);
	free(word);
	return 0;
}

/*
 * HOOK: what other parts of vigie plug into the assessment. NULL means "not in this
 * build": the checks screen says so. Export always writes the answers file
 * (vigie-answers/1); with scorecard_write it also writes the scorecard JSON, signed when
 * scorecard_sign is set.
 */
static const struct tui_hooks assess_hooks = {
    .checks_count = assess_checks_count_hook,  /* assess_checks.c */
    .checks_run = assess_checks_run_hook,      /* the embedded profile, on --check-root */
    .evidence_free = assess_checks_free,       /* assess_checks.c */
    .scorecard_write = assess_scorecard_write, /* scorecard.c, through the adapter above */
    .scorecard_sign = assess_scorecard_sign,   /* the default key, never prompting */
};

static void assess_usage(FILE *f)
{
	fputs(
	    _("Utilisation : vigie assess [-q QUESTIONNAIRE] [--session FICHIER] [--plain] "
	      "[--new]\n"
	      "                    [--lang fr|en] [--export-dir DOSSIER] [--check-root DOSSIER]\n"
	      "                    [--tls-ca FICHIER] [--resolver ADR[@PORT]] [--trust-anchor "
	      "FICHIER]\n"
	      "       vigie [OPTIONS]   (la même chose : vigie seul lance l'évaluation)\n"
	      "\n"
	      "Lance l'évaluation interactive : accueil, questions de contexte, questions de\n"
	      "chaque thème, vérifications automatiques, résultat et export. Chaque réponse est\n"
	      "enregistrée dès qu'elle est donnée ; relancez la même commande pour reprendre là\n"
	      "où vous vous étiez arrêté. L'étape des vérifications demande les adresses du site\n"
	      "internet et du serveur de messagerie quand les réponses de contexte disent qu'il\n"
	      "y en a, et teste leur configuration TLS.\n"
	      "\n"
	      "Options :\n"
	      "  -q, --questionnaire FICHIER|NOM  questionnaire (par défaut : celui intégré)\n"
	      "  -s, --session FICHIER  fichier de session (par défaut :\n"
	      "                         $XDG_STATE_HOME/vigie/session-ID.json, ou\n"
	      "                         ~/.local/state/vigie/session-ID.json)\n"
	      "  -p, --plain            questions numérotées sur stdin/stdout au lieu de l'écran\n"
	      "                         complet (automatique quand l'un d'eux n'est pas un "
	      "terminal)\n"
	      "  -n, --new              recommencer ; l'ancienne session est gardée en "
	      "FICHIER.DATE.bak\n"
	      "  -l, --lang fr|en       langue (par défaut : celle de la session, sinon le "
	      "français)\n"
	      "  -o, --export-dir DOSSIER  où l'export écrit son fichier (par défaut : .)\n"
	      "  -r, --check-root DOSSIER  les vérifications automatiques examinent DOSSIER comme\n"
	      "                         s'il était / (par défaut : /, sous Linux ; voir\n"
	      "                         'vigie check --root')\n"
	      "      --tls-ca FICHIER   les tests TLS du site et du serveur de messagerie ne font\n"
	      "                         confiance qu'aux certificats d'autorité de FICHIER (PEM),\n"
	      "                         comme la vérification du nom de domaine\n"
	      "      --resolver ADR[@PORT]  la vérification du nom de domaine interroge ce\n"
	      "                         résolveur au lieu de ceux de /etc/resolv.conf\n"
	      "      --trust-anchor FICHIER  ancres de confiance DNSSEC (lignes DS ou DNSKEY) au\n"
	      "                         lieu de /usr/share/dns/root.key\n"
	      "  -h, --help             afficher cette aide\n"
	      "\n"
	      "L'export signe la fiche de résultat avec la clé créée par 'vigie keygen', s'il y "
	      "en\n"
	      "a une (une clé chiffrée prend sa phrase de passe dans VIGIE_PASSPHRASE, jamais sur\n"
	      "le terminal) ; sinon il indique la commande 'vigie sign' à lancer ensuite.\n"
	      "L'écran complet demande au moins 80x24. NO_COLOR désactive les couleurs.\n"
	      "Codes de sortie : 0 enregistré (terminé ou non), 1 entrée invalide ou échec,\n"
	      "2 erreur d'utilisation, 128+N arrêté par le signal N (réponses enregistrées).\n"),
	    f);
}

/* Loads the session at path, or makes a new one; *notice (caller frees) says what
 * happened when the user should know. */
static int assess_session(struct vg_questionnaire *q, const char *path, bool fresh, bool defer,
                          struct session **s, char **notice, struct vg_err *err)
{
	char *backup = NULL, *migrated = NULL;
	struct stat st;

	*notice = NULL;
	if (fresh) {
		if (session_backup(path, &backup, err) != 0)
			return -1;
		if (backup != NULL)
			*notice = vg_asprintf(_("Nouvelle session ; l'ancienne est gardée dans %s"),
			                      backup);
		free(backup);
	}
	if (lstat(path, &st) != 0) {
		*s = session_new(q, path);
		(*s)->lang = cli_lang;
		/* The TUI syncs it after its first screen (see session_sync). */
		(*s)->defer_sync = defer;
		return session_save(*s, err);
	}
	if (session_load(q, path, s, &migrated, err) != 0) {
		size_t n = strlen(err->msg);

		if (strstr(err->msg, "--new") == NULL && n + 80 < sizeof err->msg)
			snprintf(err->msg + n, sizeof err->msg - n,
			         _(" ; pour recommencer, lancez avec --new (l'ancien fichier est "
			           "gardé)"));
		return -1;
	}
	if (migrated != NULL) {
		/* Keep the file as it was before answers are dropped from it. */
		if (session_backup(path, &backup, err) != 0 || session_save(*s, err) != 0) {
			free(migrated);
			free(backup);
			session_free(*s);
			*s = NULL;
			return -1;
		}
		*notice = vg_asprintf(_("Le questionnaire a changé depuis cette session : réponses "
		                        "reprises par identifiant de question (copie de l'ancienne "
		                        "session : %s). %s"),
		                      backup, migrated);
		free(migrated);
		free(backup);
	}
	if (cli_lang_explicit)
		(*s)->lang = cli_lang;
	else
		cli_lang = (*s)->lang;
	return 0;
}

static int cmd_assess_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"questionnaire", required_argument, NULL, 'q'},
	    {"session", required_argument, NULL, 's'},
	    {"plain", no_argument, NULL, 'p'},
	    {"new", no_argument, NULL, 'n'},
	    {"lang", required_argument, NULL, 'l'},
	    {"export-dir", required_argument, NULL, 'o'},
	    {"check-root", required_argument, NULL, 'r'},
	    {"tls-ca", required_argument, NULL, 'C'},
	    {"resolver", required_argument, NULL, 'R'},
	    {"trust-anchor", required_argument, NULL, 'A'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *qarg = NULL, *spath = NULL, *outdir = ".", *term = getenv("TERM");
	struct vg_questionnaire *q = NULL;
	struct session *s = NULL;
	struct vg_err err = {0};
	struct tui_opts o;
	char *path = NULL, *notice = NULL;
	bool plain = false, fresh = false;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+q:s:pnl:o:r:C:R:A:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'q':
			qarg = optarg;
			break;
		case 's':
			spath = optarg;
			break;
		case 'p':
			plain = true;
			break;
		case 'n':
			fresh = true;
			break;
		case 'l':
			if (strcmp(optarg, "fr") != 0 && strcmp(optarg, "en") != 0)
				return cli_usage_error(
				    "assess", _("--lang prend fr ou en, pas '%s'"), optarg);
			cli_lang = strcmp(optarg, "en") == 0 ? VG_LANG_EN : VG_LANG_FR;
			cli_lang_explicit = true;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'r':
			assess_check_root = assess_check_root_arg = optarg;
			break;
		case 'C':
			assess_tls_ca = optarg;
			break;
		case 'R':
			assess_dns_resolver = optarg;
			break;
		case 'A':
			assess_dns_anchor = optarg;
			break;
		case 'h':
			assess_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("assess",
			                       _("option inconnue ou valeur manquante '%s'"),
			                       argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("assess", _("argument inattendu '%s'"), argv[optind]);
	if (cli_load_questionnaire(qarg, &q, &err) != 0)
		goto fail;
	if (spath != NULL)
		path = vg_strdup(spath);
	else if (session_default_path(q->id, &path, &err) != 0)
		goto fail;
	if (!isatty(0) || !isatty(1) || term == NULL || strcmp(term, "dumb") == 0)
		plain = true;
	if (assess_session(q, path, fresh, !plain, &s, &notice, &err) != 0)
		goto fail;
	tui_i18n_set(s->lang);
	o = (struct tui_opts){q, s, &assess_hooks, outdir, notice, assess_check_root_arg};
	rc = plain ? tui_plain_run(&o, stdin, stdout, &err) : tui_run(&o, &err);
	if (rc < 0)
		goto fail;
	if (!plain) {
		if (rc > 0)
			printf("%s\n", _("vigie : interrompu."));
		printf(_("Réponses enregistrées dans %s ; relancez vigie pour reprendre."),
		       s->path);
		printf("\n");
	}
	fflush(stdout);
	session_free(s);
	model_questionnaire_free(q);
	free(path);
	free(notice);
	return rc;
fail:
	cli_warnx("%s", err.msg);
	session_free(s);
	model_questionnaire_free(q);
	free(path);
	free(notice);
	return cli_exit_code(&err);
}

const struct cli_cmd cmd_assess_entry = {
    "assess",
    "[-q QUESTIONNAIRE] [--session FILE] [--plain] [--new] [--lang fr|en]",
    N_("l'évaluation interactive (ce que lance 'vigie' seul)"),
    cmd_assess_exec,
};
