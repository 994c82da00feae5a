/* vigie verify: check scorecards' signatures, then their trusted comments. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cmds.h"
#include "scorecard.h"
#include "sign.h"

static void verify_usage(FILE *f)
{
	fputs(_("Utilisation : vigie verify FICHE... [--pubkey FICHIER | --trusted DOSSIER] [--ca "
	        "FICHIER]\n"
	        "\n"
	        "Vérifie la signature de chaque fiche de résultat (FICHE.minisig ou FICHE.p7s à\n"
	        "côté), puis que le commentaire de confiance correspond à la fiche (identifiant\n"
	        "et SHA-256 du questionnaire). Affiche une ligne par fichier :\n"
	        "  OK  FICHIER  signer=\"NOM\" key=IDCLÉ fingerprint=\"SHA-256 DE LA CLÉ\"\n"
	        "  FAILED  FICHIER: pourquoi\n"
	        "\n"
	        "Options :\n"
	        "  -p, --pubkey FICHIER  la clé publique du signataire (.pub de minisign, ou PEM)\n"
	        "  -t, --trusted DOSSIER toute clé publique minisign DOSSIER/*.pub dont\n"
	        "                        l'identifiant correspond (deux fichiers donnant le même\n"
	        "                        identifiant sont refusés : l'un pourrait se faire\n"
	        "                        passer pour l'autre) ; l'empreinte affichée est celle\n"
	        "                        de la clé qui a vérifié : comparez-la à celle que le\n"
	        "                        signataire vous a lue\n"
	        "  -c, --ca FICHIER      pour .p7s : ne faire confiance qu'aux certificats\n"
	        "                        d'autorité (PEM) de FICHIER ; ceux du système ne sont\n"
	        "                        jamais utilisés\n"
	        "  -h, --help            afficher cette aide\n"
	        "\n"
	        "Codes de sortie : 0 tout est vérifié, 1 au moins un FAILED, 2 erreur\n"
	        "d'utilisation.\n"),
	      f);
}

static bool verify_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* Checks the signature FILE.minisig over data; fills sig, and key and fp with the id and
 * fingerprint of the key that verified. */
static int verify_minisig(const char *path, const char *data, size_t len,
                          const struct sign_trust *ks, struct sign_minisig *sig, char key[17],
                          char fp[80], struct vg_err *err)
{
	char *sigpath = vg_asprintf("%s.minisig", path), *sigdata = NULL;
	size_t siglen, used = 0;
	int rc = -1;

	if (vg_read_file(sigpath, SIGN_MAX_SIG_FILE, false, &sigdata, &siglen, err) != 0 ||
	    sign_minisig_parse(sigpath, sigdata, siglen, sig, err) != 0)
		goto out;
	rc = sign_trust_verify(ks, sig, data, len, &used, err);
	if (rc == 0) {
		sign_keyid_hex(ks->keys[used].keyid, key);
		sign_fingerprint(&ks->keys[used], fp);
	}
out:
	free(sigdata);
	free(sigpath);
	return rc;
}

/* The signature holds; now its trusted comment must agree with the scorecard. */
static int verify_comment(const struct sign_minisig *sig, const struct scorecard *sc, char *signer,
                          size_t signerlen, struct vg_err *err)
{
	if (sign_comment_check_questionnaire(sig->trusted, sc->q_id, sc->q_version, sc->q_sha256,
	                                     err) != 0)
		return -1;
	if (sign_comment_get(sig->trusted, "signer", signer, signerlen) != 0)
		snprintf(signer, signerlen, "(not stated)");
	return 0;
}

static int verify_cms(const char *path, const char *data, size_t len, const char *ca,
                      struct sign_cms_signer *who, struct vg_err *err)
{
	char *sigpath = vg_asprintf("%s.p7s", path), *der = NULL;
	size_t derlen;
	int rc = -1;

	if (vg_read_file(sigpath, SIGN_MAX_SIG_FILE, false, &der, &derlen, err) == 0)
		rc = sign_cms_verify(ca, (const unsigned char *)der, derlen, data, len, who, err);
	if (rc != 0 && strncmp(err->msg, sigpath, strlen(sigpath)) != 0) {
		char msg[VG_ERR_MAX];

		snprintf(msg, sizeof msg, "%s", err->msg);
		vg_err_set(err, VG_EINPUT, "%s: %s", sigpath, msg);
	}
	free(der);
	free(sigpath);
	return rc;
}

/* Verifies one file and prints its line; returns 0 when OK. */
static int verify_one(const char *path, const struct sign_trust *ks, const char *ca)
{
	char *data = NULL, *ms = vg_asprintf("%s.minisig", path), *p7 = vg_asprintf("%s.p7s", path);
	bool has_ms = verify_exists(ms), has_p7 = verify_exists(p7);
	bool check_ms = has_ms && (ks->nkeys > 0 || ks->dir), check_p7 = has_p7 && ca != NULL;
	char signer[300] = "", key[17] = "", fp[80] = "";
	struct sign_cms_signer who;
	struct sign_minisig sig;
	struct scorecard *sc = NULL;
	struct vg_err err = {0};
	struct vg_buf b1, b2;
	size_t len;
	int rc = -1;

	vg_buf_init(&b1, 0);
	vg_buf_init(&b2, 0);
	if (vg_read_file(path, SCORECARD_MAX_FILE, false, &data, &len, &err) != 0)
		goto out;
	if (!has_ms && !has_p7) {
		vg_err_set(&err, VG_EINPUT, _("pas de signature : ni %s ni %s n'existe"), ms, p7);
		goto out;
	}
	if (!check_ms && !check_p7) {
		vg_err_set(&err, VG_EINPUT, "%s",
		           has_ms ? _("a une signature .minisig : donnez --pubkey FICHIER ou "
		                      "--trusted DOSSIER")
		                  : _("a une signature .p7s : donnez --ca FICHIER"));
		goto out;
	}
	/* Signatures first: they cover the exact bytes, whatever the bytes are. */
	if (check_ms && verify_minisig(path, data, len, ks, &sig, key, fp, &err) != 0)
		goto out;
	if (check_p7 && verify_cms(path, data, len, ca, &who, &err) != 0)
		goto out;
	if (scorecard_read(data, len, &sc, &err) != 0) {
		char msg[VG_ERR_MAX];

		snprintf(msg, sizeof msg, "%s", err.msg);
		vg_err_set(
		    &err, VG_EINPUT,
		    _("la signature est bonne mais le fichier n'est pas une fiche lisible : %s"),
		    msg);
		goto out;
	}
	if (check_ms && verify_comment(&sig, sc, signer, sizeof signer, &err) != 0)
		goto out;
	if (check_ms)
		printf("OK  %s  signer=\"%s\" key=%s fingerprint=\"%s\"\n",
		       vg_term_clean(&b1, path), vg_term_clean(&b2, signer), key, fp);
	if (check_p7)
		printf("OK  %s  signer=\"%s\" key=%s (cms)\n", vg_term_clean(&b1, path),
		       vg_term_clean(&b2, who.subject), who.fingerprint);
	rc = 0;
out:
	if (rc != 0)
		printf("FAILED  %s: %s\n", vg_term_clean(&b1, path), vg_term_clean(&b2, err.msg));
	vg_buf_free(&b1);
	vg_buf_free(&b2);
	scorecard_free(sc);
	free(data);
	free(ms);
	free(p7);
	return rc;
}

static int cmd_verify_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"pubkey", required_argument, NULL, 'p'},
	    {"trusted", required_argument, NULL, 't'},
	    {"ca", required_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *pubkey = NULL, *trusted = NULL, *ca = NULL;
	struct sign_trust ks = {NULL, NULL, 0, NULL, false};
	struct vg_err err = {0};
	int c, failed = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "p:t:c:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			pubkey = optarg;
			break;
		case 't':
			trusted = optarg;
			break;
		case 'c':
			ca = optarg;
			break;
		case 'h':
			verify_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("verify",
			                       _("option inconnue ou valeur manquante '%s'"),
			                       argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("verify",
		                       _("donnez le ou les fichiers de fiche à vérifier"));
	if (pubkey != NULL && trusted != NULL)
		return cli_usage_error("verify", _("donnez --pubkey ou --trusted, pas les deux"));
	if (pubkey == NULL && trusted == NULL && ca == NULL)
		return cli_usage_error(
		    "verify", _("donnez --pubkey FICHIER, --trusted DOSSIER ou --ca FICHIER"));
	if ((pubkey != NULL && sign_trust_file(&ks, pubkey, &err) != 0) ||
	    (trusted != NULL && sign_trust_dir(&ks, trusted, cli_warn_skipped, &err) != 0)) {
		cli_warnx("%s", err.msg);
		sign_trust_free(&ks);
		return CLI_EXIT_FAIL;
	}
	if (trusted != NULL && ks.nkeys == 0)
		cli_warnx(_("%s : aucune clé publique (*.pub) trouvée"), trusted);
	for (int i = optind; i < argc; i++)
		if (verify_one(argv[i], &ks, ca) != 0)
			failed++;
	sign_trust_free(&ks);
	if (fflush(stdout) != 0)
		return CLI_EXIT_FAIL;
	return failed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

const struct cli_cmd cmd_verify_entry = {
    "verify",
    "SCORECARD... [--pubkey FILE | --trusted DIR] [--ca FILE]",
    N_("vérifier des fiches signées (format minisign ou CMS)"),
    cmd_verify_exec,
};
