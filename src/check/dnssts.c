/* dnssts: fetches a domain's MTA-STS policy over HTTPS (RFC 8461 §3.3): a GET of
 * /.well-known/mta-sts.txt on mta-sts.DOMAIN, the certificate verified for that name, no
 * redirect followed, 64 KiB at most. The address comes from the run's own resolver, so
 * that --resolver holds for this connection too. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "check/dns.h"

#define STS_MAX_BODY     65536
#define STS_MAX_RESPONSE (STS_MAX_BODY + 8192)

static int sts_connect(const char *address, unsigned port, int timeout_ms, char *why)
{
	struct sockaddr_in in = {0};
	struct pollfd p;
	struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
	int fd, soerr = 0;
	socklen_t sl = sizeof soerr;

	in.sin_family = AF_INET;
	in.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, address, &in.sin_addr) != 1) {
		snprintf(why, 256, "bad address %s", address);
		return -1;
	}
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(why, 256, "socket: %s", strerror(errno));
		return -1;
	}
	if (connect(fd, (struct sockaddr *)&in, sizeof in) != 0 && errno != EINPROGRESS) {
		snprintf(why, 256, "%s:%u: %s", address, port, strerror(errno));
		close(fd);
		return -1;
	}
	p.fd = fd;
	p.events = POLLOUT;
	if (poll(&p, 1, timeout_ms) != 1) {
		snprintf(why, 256, "%s:%u: no connection within %d ms", address, port, timeout_ms);
		close(fd);
		return -1;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0 || soerr != 0) {
		snprintf(why, 256, "%s:%u: %s", address, port, strerror(soerr ? soerr : errno));
		close(fd);
		return -1;
	}
	/* The TLS exchange runs blocking, each read and write bounded by the timeout. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	return fd;
}

void *dns_sts_ctx_new(const char *ca_file, char *why)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

	if (ctx == NULL) {
		snprintf(why, 256, "cannot create a TLS context");
		return NULL;
	}
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL); /* judged after the handshake */
	if (ca_file != NULL ? SSL_CTX_load_verify_locations(ctx, ca_file, NULL) != 1
	                    : SSL_CTX_set_default_verify_paths(ctx) != 1) {
		snprintf(why, 256, "cannot load the CA certificates%s%.200s", ca_file ? " of " : "",
		         ca_file ? ca_file : "");
		SSL_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

void dns_sts_ctx_free(void *ctx)
{
	SSL_CTX_free(ctx);
}

int dns_sts_fetch(void *tls, const char *domain, const char *address, unsigned port, int timeout_ms,
                  char **body, size_t *len, char *why)
{
	SSL_CTX *ctx = tls;
	char host[DNSREC_NAME_MAX + 16], req[DNSREC_NAME_MAX + 128];
	SSL *ssl = NULL;
	char *resp = NULL, *hdr_end, *sp;
	size_t got = 0;
	int fd = -1, rc = -1, n;
	long verify;

	*body = NULL;
	*len = 0;
	snprintf(host, sizeof host, "mta-sts.%s", domain);
	if ((fd = sts_connect(address, port ? port : 443, timeout_ms, why)) < 0)
		return -1;
	ssl = SSL_new(ctx);
	if (ssl == NULL || SSL_set_fd(ssl, fd) != 1 || SSL_set_tlsext_host_name(ssl, host) != 1 ||
	    SSL_set1_host(ssl, host) != 1) {
		snprintf(why, 256, "cannot set up the TLS connection");
		goto out;
	}
	if (SSL_connect(ssl) != 1) {
		unsigned long e = ERR_peek_last_error();

		snprintf(why, 256, "TLS handshake with %.120s failed%s%.80s", host, e ? ": " : "",
		         e ? ERR_reason_error_string(e) : "");
		goto out;
	}
	verify = SSL_get_verify_result(ssl);
	if (verify != X509_V_OK) {
		snprintf(why, 256, "certificate of %.120s: %.100s", host,
		         X509_verify_cert_error_string(verify));
		goto out;
	}
	n = snprintf(req, sizeof req,
	             "GET /.well-known/mta-sts.txt HTTP/1.0\r\nHost: %s\r\nUser-Agent: vigie\r\n"
	             "Connection: close\r\n\r\n",
	             host);
	if (SSL_write(ssl, req, n) != n) {
		snprintf(why, 256, "cannot send the request to %.120s", host);
		goto out;
	}
	resp = vg_malloc(STS_MAX_RESPONSE + 1);
	while (got < STS_MAX_RESPONSE) {
		int r = SSL_read(ssl, resp + got, (int)(STS_MAX_RESPONSE - got));

		if (r <= 0)
			break;
		got += (size_t)r;
	}
	resp[got] = '\0';
	if (got == STS_MAX_RESPONSE) {
		snprintf(why, 256, "the policy is larger than %d bytes", STS_MAX_BODY);
		goto out;
	}
	hdr_end = strstr(resp, "\r\n\r\n");
	if (strncmp(resp, "HTTP/1.", 7) != 0 || (sp = strchr(resp, ' ')) == NULL ||
	    hdr_end == NULL) {
		snprintf(why, 256, "%.120s did not answer HTTP", host);
		goto out;
	}
	if (strncmp(sp + 1, "200", 3) != 0) {
		snprintf(why, 256,
		         "%.120s answered HTTP %.3s (200 expected, redirects are not allowed)",
		         host, sp + 1);
		goto out;
	}
	*len = got - (size_t)(hdr_end + 4 - resp);
	*body = vg_malloc(*len + 1);
	memcpy(*body, hdr_end + 4, *len);
	(*body)[*len] = '\0';
	rc = 0;
out:
	free(resp);
	if (ssl != NULL)
		SSL_free(ssl);
	if (fd >= 0)
		close(fd);
	return rc;
}
