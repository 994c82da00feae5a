/* vigie sign: detached signatures of scorecards, minisign's format or CMS. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "scorecard.h"
#include "sign.h"
#include "version.h"

#define SIGN_SIGNER_MAX 256

static void sign_usage(FILE *f)
{
	fputs(
	    _("Utilisation : vigie sign FICHE... [--key FICHIER] [--signer NOM]\n"
	      "       vigie sign FICHE... --cert FICHIER --key FICHIER\n"
	      "\n"
	      "Signe les octets exacts de chaque fiche de résultat (docs/signatures.md) :\n"
	      "  par défaut FICHE.minisig : Ed25519 au format minisign, avec un commentaire de\n"
	      "  confiance donnant le signataire, l'heure, la version de vigie, l'identifiant et\n"
	      "  le SHA-256 du questionnaire ; vérifiable par 'vigie verify', 'minisign -V' ou\n"
	      "  openssl seul ;\n"
	      "  avec --cert : FICHE.p7s, une signature CMS détachée (DER, ECDSA P-256) qui\n"
	      "  contient le certificat ; vérifiable par 'vigie verify --ca' ou 'openssl cms'.\n"
	      "\n"
	      "Options :\n"
	      "  -k, --key FICHIER    clé secrète (par défaut : $XDG_CONFIG_HOME/vigie/vigie.key,\n"
	      "                       créée par 'vigie keygen') ; refusée si le groupe ou les\n"
	      "                       autres peuvent la lire. Une clé chiffrée demande sa phrase\n"
	      "                       de passe sur le terminal, ou la prend dans VIGIE_PASSPHRASE\n"
	      "  -s, --signer NOM     qui signe, dans le commentaire de confiance (par défaut : "
	      "le\n"
	      "                       nom de la collectivité de la fiche)\n"
	      "  -c, --cert FICHIER   certificat X.509 (PEM) de la clé : produire un .p7s CMS\n"
	      "  -h, --help           afficher cette aide\n"
	      "\n"
	      "Codes de sortie : 0 signé, 1 échec, 2 erreur d'utilisation.\n"),
	    f);
}

/* A value for the trusted comment: UTF-8, no control characters (tabs separate fields). */
static int sign_field_ok(const char *what, const char *s, struct vg_err *err)
{
	size_t n = strlen(s), bad;

	if (n == 0 || n > SIGN_SIGNER_MAX || !vg_utf8_valid(s, n, &bad))
		return vg_err_set(err, VG_EINPUT, _("%s doit faire de 1 à %d octets d'UTF-8"), what,
		                  SIGN_SIGNER_MAX);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return vg_err_set(err, VG_EINPUT,
			                  _("%s ne doit contenir ni tabulation, ni saut de ligne, "
			                    "ni caractère de contrôle"),
			                  what);
	return 0;
}

int cli_sign_scorecard(const char *path, const struct sign_key *k, const char *cert,
                       const char *signer, char **sigpathp, struct vg_err *err)
{
	struct scorecard *sc = NULL;
	char *data = NULL, *sig = NULL, *comment = NULL, *sigpath = NULL, now[32];
	unsigned char *der = NULL;
	size_t len, siglen;
	int rc = -1;

	*sigpathp = NULL;
	if (vg_read_file(path, SCORECARD_MAX_FILE, false, &data, &len, err) != 0)
		return -1;
	if (scorecard_read(data, len, &sc, err) != 0) {
		char msg[VG_ERR_MAX];

		snprintf(msg, sizeof msg, "%s", err->msg);
		vg_err_set(err, VG_EINPUT, _("%s : non signé : %s"), path, msg);
		goto out;
	}
	if (cert != NULL) {
		if (sign_cms_make(k, cert, data, len, &der, &siglen, err) != 0)
			goto out;
		sigpath = vg_asprintf("%s.p7s", path);
		rc = vg_write_atomic(sigpath, der, siglen, 0644, err);
		goto out;
	}
	if (signer == NULL)
		signer = sc->org_name != NULL ? sc->org_name : "unknown";
	if (sign_field_ok(_("le nom du signataire (celui de la collectivité dans la fiche)"),
	                  signer, err) != 0 ||
	    sign_field_ok("questionnaire.id", sc->q_id, err) != 0 ||
	    sign_field_ok("questionnaire.version", sc->q_version, err) != 0)
		goto out;
	vg_rfc3339_now(now, sizeof now);
	comment = vg_asprintf("signer:%s\ttime:%s\ttool:vigie %s\tquestionnaire:%s\t"
	                      "questionnaire_version:%s\tquestionnaire_sha256:%s",
	                      signer, now, version_string(), sc->q_id, sc->q_version, sc->q_sha256);
	if (sign_minisig_make(k, data, len, comment, &sig, &siglen, err) != 0)
		goto out;
	sigpath = vg_asprintf("%s.minisig", path);
	rc = vg_write_atomic(sigpath, sig, siglen, 0644, err);
out:
	if (rc == 0)
		*sigpathp = sigpath;
	else
		free(sigpath);
	free(comment);
	free(sig);
	free(der);
	free(data);
	scorecard_free(sc);
	return rc;
}

static int cmd_sign_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"key", required_argument, NULL, 'k'},
	    {"signer", required_argument, NULL, 's'},
	    {"cert", required_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *keypath = NULL, *signer = NULL, *cert = NULL;
	char defkey[4200];
	struct sign_key *k = NULL;
	struct vg_err err = {0};
	int c, rc = CLI_EXIT_OK;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "k:s:c:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			keypath = optarg;
			break;
		case 's':
			signer = optarg;
			break;
		case 'c':
			cert = optarg;
			break;
		case 'h':
			sign_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("sign",
			                       _("option inconnue ou valeur manquante '%s'"),
			                       argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("sign", _("donnez le ou les fichiers de fiche à signer"));
	if (cert != NULL && keypath == NULL)
		return cli_usage_error("sign",
		                       _("--cert demande --key FICHIER, la clé du certificat"));
	if (cert != NULL && signer != NULL)
		return cli_usage_error("sign",
		                       _("--signer va avec les signatures minisign ; avec --cert, "
		                         "c'est le certificat qui nomme le signataire"));
	if (signer != NULL && sign_field_ok("--signer", signer, &err) != 0)
		return cli_usage_error("sign", "%s", err.msg);
	if (keypath == NULL) {
		char prefix[4096];

		if (sign_default_prefix(prefix, sizeof prefix, false, &err) != 0) {
			cli_warnx("%s", err.msg);
			return cli_exit_code(&err);
		}
		snprintf(defkey, sizeof defkey, "%s.key", prefix);
		keypath = defkey;
	}
	if (sign_key_load(keypath, &k, &err) != 0) {
		cli_warnx("%s", err.msg);
		return CLI_EXIT_FAIL;
	}
	for (int i = optind; i < argc; i++) {
		char *sigpath;

		if (cli_sign_scorecard(argv[i], k, cert, signer, &sigpath, &err) != 0) {
			cli_warnx("%s", err.msg);
			rc = CLI_EXIT_FAIL;
			continue;
		}
		printf("%s %s\n", cli_tr("Signé :", "Signed:"), sigpath);
		free(sigpath);
	}
	sign_key_free(k);
	return rc;
}

const struct cli_cmd cmd_sign_entry = {
    "sign",
    "SCORECARD... [--key FILE] [--signer NAME] [--cert FILE]",
    N_("signer des fiches (format minisign, ou CMS avec un certificat)"),
    cmd_sign_exec,
};
