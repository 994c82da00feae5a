/* vigie keygen: an Ed25519 key pair for signing scorecards. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "sign.h"

static void keygen_usage(FILE *f)
{
	fputs(
	    "Usage: vigie keygen [--out PREFIX] [--passphrase] [--insee CODE]\n"
	    "\n"
	    "Creates an Ed25519 key pair for 'vigie sign':\n"
	    "  PREFIX.key      the secret key (PEM PKCS#8, mode 0600); keep it to yourself\n"
	    "  PREFIX.pub      the public key in minisign's format: send it to your consultant\n"
	    "  PREFIX.pub.pem  the same public key as PEM, for openssl\n"
	    "and prints the key id and fingerprint to read out over the phone.\n"
	    "\n"
	    "Options:\n"
	    "  -o, --out PREFIX   where to write (default: $XDG_CONFIG_HOME/vigie/vigie, that is\n"
	    "                     ~/.config/vigie/vigie; the directory is created mode 0700)\n"
	    "  -p, --passphrase   encrypt the secret key with a passphrase (AES-256-CBC, key\n"
	    "                     derived by scrypt), asked twice on the terminal, or taken\n"
	    "                     from VIGIE_PASSPHRASE\n"
	    "  -i, --insee CODE   write the commune's INSEE code in PREFIX.pub's comment\n"
	    "                     (\"insee:49297\"), to help the consultant bind the key to\n"
	    "                     the commune (docs/signatures.md); the comment is not\n"
	    "                     signed: the consultant checks it, as the fingerprint\n"
	    "  -h, --help         show this help\n"
	    "\n"
	    "An existing key is never overwritten.\n"
	    "Exit codes: 0 created, 1 failure, 2 usage error.\n",
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
			return cli_usage_error("keygen", "unknown option or missing value '%s'",
			                       argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("keygen", "unexpected argument '%s'", argv[optind]);
	if (insee != NULL && !sign_insee_ok(insee, strlen(insee)))
		return cli_usage_error("keygen",
		                       "--insee takes an INSEE code (5 characters: 49297, 2A004), "
		                       "not '%s'",
		                       insee);
	if (out == NULL) {
		if (sign_default_prefix(prefix, sizeof prefix, true, &err) != 0) {
			cli_warnx("%s", err.msg);
			return cli_exit_code(&err);
		}
	} else if (strlen(out) >= sizeof prefix - 16) {
		return cli_usage_error("keygen", "--out PREFIX is too long");
	} else {
		snprintf(prefix, sizeof prefix, "%s", out);
	}
	if (ask && sign_passphrase("Nouvelle phrase de passe / New passphrase: ", true, pass,
	                           sizeof pass, &err) != 0) {
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
    "create an Ed25519 key pair for signing scorecards",
    cmd_keygen_exec,
};
