/* util: errors, arenas, bounded buffers, file reading and atomic writes. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Messages are French msgids translated through gettext (po/en.po). */
#define _(s) gettext(s)

int vg_err_set(struct vg_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int vg_err_at(struct vg_err *err, int code, const char *file, unsigned line, unsigned col,
              const char *fmt, ...)
{
	va_list ap;
	int n;

	if (err == NULL)
		return -1;
	err->code = code;
	n = snprintf(err->msg, sizeof err->msg, "%s:%u:%u: ", file, line, col);
	if (n < 0 || (size_t)n >= sizeof err->msg)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->msg + n, sizeof err->msg - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

void vg_err_clear(struct vg_err *err)
{
	if (err != NULL) {
		err->code = 0;
		err->msg[0] = '\0';
	}
}

void *vg_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		abort();
	return p;
}

void *vg_calloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		abort();
	return p;
}

void *vg_reallocarray(void *p, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		abort();
	p = realloc(p, nmemb * size > 0 ? nmemb * size : 1);
	if (p == NULL)
		abort();
	return p;
}

char *vg_strdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		abort();
	return p;
}

char *vg_vasprintf(const char *fmt, va_list ap)
{
	va_list copy;
	int n;
	char *p;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		abort();
	p = vg_malloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *vg_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = vg_vasprintf(fmt, ap);
	va_end(ap);
	return p;
}

/* Arena chunks: a header followed by the memory handed out. */
struct vg_arena_chunk {
	struct vg_arena_chunk *next;
	size_t size;
	size_t used;
	max_align_t data[];
};

#define ARENA_CHUNK 16384

void vg_arena_init(struct vg_arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void *vg_arena_alloc(struct vg_arena *a, size_t n)
{
	const size_t align = _Alignof(max_align_t);
	struct vg_arena_chunk *c = a->head;
	void *p;

	if (n > SIZE_MAX / 2)
		abort();
	n = (n + align - 1) & ~(align - 1);
	if (n == 0)
		n = align;
	if (c == NULL || c->size - c->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;

		c = vg_malloc(sizeof *c + size);
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	a->total += n;
	memset(p, 0, n);
	return p;
}

char *vg_arena_strndup(struct vg_arena *a, const char *s, size_t n)
{
	char *p = vg_arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *vg_arena_strdup(struct vg_arena *a, const char *s)
{
	return vg_arena_strndup(a, s, strlen(s));
}

void vg_arena_free(struct vg_arena *a)
{
	struct vg_arena_chunk *c = a->head, *next;

	while (c != NULL) {
		next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->total = 0;
}

void vg_buf_init(struct vg_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

int vg_buf_append(struct vg_buf *b, const void *p, size_t n)
{
	if (n > b->max || b->len > b->max - n)
		return -1;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < b->len + n + 1)
			cap *= 2;
		if (cap > b->max + 1)
			cap = b->max + 1;
		b->data = vg_reallocarray(b->data, cap, 1);
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int vg_buf_puts(struct vg_buf *b, const char *s)
{
	return vg_buf_append(b, s, strlen(s));
}

int vg_buf_printf(struct vg_buf *b, const char *fmt, ...)
{
	va_list ap;
	char *p;
	int rc;

	va_start(ap, fmt);
	p = vg_vasprintf(fmt, ap);
	va_end(ap);
	rc = vg_buf_puts(b, p);
	free(p);
	return rc;
}

void vg_buf_free(struct vg_buf *b)
{
	free(b->data);
	vg_buf_init(b, b->max);
}

int vg_read_file(const char *path, size_t max, bool nofollow, char **data, size_t *len,
                 struct vg_err *err)
{
	struct stat st;
	struct vg_buf b;
	char chunk[65536];
	ssize_t n;
	int fd;

	*data = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (nofollow ? O_NOFOLLOW : 0));
	if (fd < 0) {
		if (errno == ELOOP)
			return vg_err_set(err, VG_EINPUT,
			                  _("%s : est un lien symbolique ; donnez le vrai fichier"),
			                  path);
		return vg_err_set(err, VG_EINPUT, _("%s : impossible d'ouvrir : %s"), path,
		                  strerror(errno));
	}
	if (fstat(fd, &st) != 0) {
		close(fd);
		return vg_err_set(err, VG_ESYS, _("%s : impossible de lire ses attributs : %s"),
		                  path, strerror(errno));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return vg_err_set(err, VG_EINPUT, _("%s : pas un fichier ordinaire"), path);
	}
	if ((uintmax_t)st.st_size > max) {
		close(fd);
		return vg_err_set(
		    err, VG_EINPUT,
		    _("%s : le fichier fait %jd octets, au-delà de la limite de %zu octets"), path,
		    (intmax_t)st.st_size, max);
	}
	/* Sized from fstat: a file that does not change as it is read is read in place. */
	vg_buf_init(&b, max);
	b.cap = (size_t)st.st_size + 1;
	b.data = vg_malloc(b.cap);
	b.data[0] = '\0';
	for (;;) {
		if (b.len + 1 < b.cap) {
			n = read(fd, b.data + b.len, b.cap - 1 - b.len);
			if (n > 0) {
				b.len += (size_t)n;
				b.data[b.len] = '\0';
				continue;
			}
		} else {
			n = read(fd, chunk, sizeof chunk);
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			vg_err_set(err, VG_ESYS, _("%s : erreur de lecture : %s"), path,
			           strerror(errno));
			break;
		}
		if (n == 0) {
			close(fd);
			*data = b.data;
			*len = b.len;
			return 0;
		}
		if (vg_buf_append(&b, chunk, (size_t)n) != 0) {
			vg_err_set(err, VG_EINPUT,
			           _("%s : le fichier dépasse la limite de %zu octets"), path, max);
			break;
		}
	}
	close(fd);
	vg_buf_free(&b);
	return -1;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

mode_t vg_umask(void)
{
	FILE *f = fopen("/proc/self/status", "re");
	char line[256];
	mode_t m;

	if (f != NULL) {
		while (fgets(line, sizeof line, f) != NULL) {
			unsigned v;

			if (sscanf(line, "Umask: %o", &v) == 1) {
				fclose(f);
				return (mode_t)(v & 0777);
			}
		}
		fclose(f);
	}
	m = umask(077);
	umask(m);
	return m;
}

const char *vg_term_clean(struct vg_buf *b, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0, i = 0;

	if (b->max < 6 * n + 1)
		b->max = 6 * n + 1; /* "\xHH" per byte at most (\uHHHH is 6 for 2 or 3 bytes) */
	b->len = 0;
	vg_buf_append(b, "", 0);
	while (i < n) {
		uint32_t c;
		size_t l = vg_utf8_decode(s + i, n - i, &c);
		char esc[16];

		if (l == 0) {
			snprintf(esc, sizeof esc, "\\x%02X", (unsigned char)s[i]);
			vg_buf_puts(b, esc);
			i++;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			snprintf(esc, sizeof esc, "\\x%02X", (unsigned)c);
			vg_buf_puts(b, esc);
		} else if ((c >= 0x80 && c <= 0x9f) || c == 0x61c || c == 0x200e || c == 0x200f ||
		           (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
			snprintf(esc, sizeof esc, "\\u%04X", (unsigned)c);
			vg_buf_puts(b, esc);
		} else {
			vg_buf_append(b, s + i, l);
		}
		i += l;
	}
	return b->data;
}

int vg_write_atomic(const char *path, const void *data, size_t len, mode_t mode, struct vg_err *err)
{
	char *dirc = vg_strdup(path), *dir = dirname(dirc);
	char *tmp = vg_asprintf("%s/.%s.XXXXXX", dir, "vigie-tmp");
	int fd, dfd, saved;

	fd = mkstemp(tmp);
	if (fd < 0) {
		vg_err_set(err, VG_ESYS, _("%s : impossible de créer un fichier dans %s : %s"),
		           path, dir, strerror(errno));
		goto fail;
	}
	if (fchmod(fd, mode & ~vg_umask()) != 0 || write_all(fd, data, len) != 0 ||
	    fsync(fd) != 0) {
		saved = errno;
		close(fd);
		unlink(tmp);
		vg_err_set(err, VG_ESYS, _("%s : écriture impossible : %s"), path, strerror(saved));
		goto fail;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		saved = errno;
		unlink(tmp);
		vg_err_set(err, VG_ESYS, _("%s : écriture impossible : %s"), path, strerror(saved));
		goto fail;
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(dirc);
	return 0;
fail:
	free(tmp);
	free(dirc);
	return -1;
}

size_t vg_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len;
	uint32_t c;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		c = s[0];
		len = 1;
	} else {
		if (s[0] >= 0xc2 && s[0] <= 0xdf) {
			len = 2;
			c = s[0] & 0x1f;
		} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
			len = 3;
			c = s[0] & 0x0f;
		} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
			len = 4;
			c = s[0] & 0x07;
		} else {
			return 0;
		}
		if (n < len)
			return 0;
		for (size_t i = 1; i < len; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (s[i] & 0x3f);
		}
		if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) || c > 0x10ffff ||
		    (c >= 0xd800 && c <= 0xdfff))
			return 0;
	}
	if (cp != NULL)
		*cp = c;
	return len;
}

bool vg_utf8_valid(const char *str, size_t n, size_t *bad)
{
	size_t i = 0;

	while (i < n) {
		size_t len = vg_utf8_decode(str + i, n - i, NULL);

		if (len == 0) {
			if (bad != NULL)
				*bad = i;
			return false;
		}
		i += len;
	}
	return true;
}

void vg_hex(const unsigned char *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

void vg_rfc3339_now(char *out, size_t outlen)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void vg_cleanse(void *p, size_t n)
{
	volatile unsigned char *v = p;

	while (n--)
		*v++ = 0;
}

bool vg_lang_english(const char *lang, bool *explicit)
{
	static const char *const vars[] = {"VIGIE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES",
	                                   "LANG"};

	if (explicit != NULL)
		*explicit = lang != NULL;
	if (lang != NULL)
		return strncmp(lang, "en", 2) == 0;
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);

		if (v == NULL || *v == '\0')
			continue;
		if (explicit != NULL)
			*explicit = i == 0;
		return strncmp(v, "en", 2) == 0;
	}
	return false;
}

const char *vg_num(double v, int decimals, bool sign, bool comma, char *buf, size_t len)
{
	char *dot;

	if (len == 0)
		return buf;
	/* Formatted in the C way whatever the locale, then the mark is set. */
	snprintf(buf, len, sign ? "%+.*f" : "%.*f", decimals, v);
	dot = strchr(buf, '.');
	if (dot == NULL)
		dot = strchr(buf, ',');
	if (dot != NULL)
		*dot = comma ? ',' : '.';
	return buf;
}
