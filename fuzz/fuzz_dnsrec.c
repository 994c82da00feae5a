/* libFuzzer target: the DNS record parsers of check/dnsrec.h (TXT, MX and CAA rdata, SPF,
 * DMARC, MTA-STS and TLS-RPT records, MTA-STS policies). Seed corpus: tests/dns/corpus/. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check/dnsrec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char txt[4096], name[DNSREC_NAME_MAX], tag[32], value[256], id[DNSREC_NAME_MAX];
	char error[DNSREC_ERROR_MAX];
	struct dnsrec_spf spf;
	struct dnsrec_dmarc dmarc;
	struct dnsrec_sts_policy pol;
	unsigned pref, flags;
	size_t off = 0;
	char *s;

	dnsrec_txt(data, size, txt, sizeof txt);
	dnsrec_mx(data, size, &pref, name, sizeof name);
	dnsrec_caa(data, size, &flags, tag, sizeof tag, value, sizeof value);
	dnsrec_name(data, size, &off, name, sizeof name);
	dnsrec_sts_policy_parse((const char *)data, size, &pol);
	/* The text parsers take NUL-terminated strings, as dnsrec_txt makes them. */
	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	dnsrec_spf_parse(s, &spf);
	dnsrec_dmarc_parse(s, &dmarc);
	dnsrec_sts_txt_parse(s, id, error);
	dnsrec_tlsrpt_parse(s, error);
	if (dnsrec_sts_policy_parse(s, size, &pol) == 0)
		for (size_t i = 0; i < pol.nmx; i++)
			dnsrec_sts_mx_match(pol.mx[i], "mail.example.fr");
	free(s);
	return 0;
}
