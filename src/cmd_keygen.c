/* vigie keygen: an Ed25519 key pair for signing scorecards. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "sign.h"

static void keygen_usage(FILE *f)
{
	fputs(_("Utilisation : vigie keygen [--out PRÉFIXE] [--passphrase] [--insee CODE]\n"
	        "\n"
	        "Crée une paire de clés Ed25519 pour 'vigie sign' :\n"
	        "  PRÉFIXE.key      la clé secrète (PEM PKCS#8, mode 0600) ; gardez-la pour vous\n"
	        "  PRÉFIXE.pub      la clé publique au format minisign : envoyez-la à votre\n"
	        "                   prestataire ou consultant\n"
	        "  PRÉFIXE.pub.pem  la même clé publique en PEM, pour openssl\n"
	        "et affiche l'identifiant et l'empreinte de la clé, à lire au téléphone.\n"
	        "\n"
	        "Options :\n"
	        "  -o, --out PRÉFIXE  où écrire (par défaut : $XDG_CONFIG_HOME/vigie/vigie, soit\n"
	        "                     ~/.config/vigie/vigie ; le dossier est créé en mode 0700)\n"
	        "  -p, --passphrase   chiffrer la clé secrète avec une phrase de passe\n"
	        "                     (AES-256-CBC, clé dérivée par scrypt), demandée deux fois\n"
	        "                     sur le terminal, ou prise dans VIGIE_PASSPHRASE\n"
	        "  -i, --insee CODE   écrire le code INSEE de la commune dans le commentaire de\n"
	        "                     PRÉFIXE.pub (\"insee:49297\"), pour aider le consultant à\n"
	        "                     lier la clé à la commune (docs/signatures.md) ; ce\n"
	        "                     commentaire n'est pas signé : le consultant le vérifie,\n"
	        "                     comme l'empreinte\n"
	        "  -h, --help         afficher cette aide\n"
	        "\n"
	        "Une clé existante n'est jamais écrasée.\n"
	        "Codes de sortie : 0 créée, 1 échec, 2 erreur d'utilisation.\n"),
	      f);
}

static int cmd_keygen_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"out", required_argument, NULL, 'o'},
	    {"passphrase", no_argument, NULL, 'p'},
	    {"insee", required_argument, NULL, 'i'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	char prefix[4096], pass[SIGN_PASSPHRASE_MAX + 1], id[17], fp[80];
	const char *out = NULL, *insee = NULL;
	struct sign_pubkey pub;
	struct vg_err err = {0};
	int c, ask = 0, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+o:pi:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'p':
			ask = 1;
			break;
		case 'i':
			insee = optarg;
			break;
		case 'h':
			keygen_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("keygen",
			                       _("option inconnue ou valeur manquante '%s'"),
			                       argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("keygen", _("argument inattendu '%s'"), argv[optind]);
	if (insee != NULL && !sign_insee_ok(insee, strlen(insee)))
		return cli_usage_error("keygen",
		                       _("--insee prend un code INSEE (5 caractères : 49297, "
		                         "2A004), pas '%s'"),
		                       insee);
	if (out == NULL) {
		if (sign_default_prefix(prefix, sizeof prefix, true, &err) != 0) {
			cli_warnx("%s", err.msg);
			return cli_exit_code(&err);
		}
	} else if (strlen(out) >= sizeof prefix - 16) {
		return cli_usage_error("keygen", _("--out PRÉFIXE est trop long"));
	} else {
		snprintf(prefix, sizeof prefix, "%s", out);
	}
	if (ask &&
	    sign_passphrase(_("Nouvelle phrase de passe : "), true, pass, sizeof pass, &err) != 0) {
		cli_warnx("%s", err.msg);
		return cli_exit_code(&err);
	}
	rc = sign_keygen(prefix, ask ? pass : NULL, insee, &pub, &err);
	vg_cleanse(pass, sizeof pass);
	if (rc != 0) {
		cli_warnx("%s", err.msg);
		return cli_exit_code(&err);
	}
	sign_keyid_hex(pub.keyid, id);
	sign_fingerprint(&pub, fp);
	printf("%s %s.key (%s)\n", cli_tr("Clé secrète :", "Secret key:"), prefix,
	       cli_tr("à garder pour vous", "keep it to yourself"));
	printf("%s %s.pub, %s.pub.pem\n", cli_tr("Clé publique :", "Public key:"), prefix, prefix);
	printf("%s %.4s %.4s %.4s %.4s\n", cli_tr("Identifiant de clé :", "Key id:"), id, id + 4,
	       id + 8, id + 12);
	printf("%s %s\n", cli_tr("Empreinte :", "Fingerprint:"), fp);
	return CLI_EXIT_OK;
}

const struct cli_cmd cmd_keygen_entry = {
    "keygen",
    "[--out PREFIX] [--passphrase] [--insee CODE]",
    N_("créer une paire de clés Ed25519 pour signer les fiches"),
    cmd_keygen_exec,
};
