/* util: errors, arenas, bounded buffers, file reading and atomic writes. libc only. */
#ifndef VIGIE_UTIL_H
#define VIGIE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Error codes, which are also the process exit codes the CLI uses. */
enum vg_errcode {
	VG_OK = 0,
	VG_EINPUT = 1, /* invalid input, or findings */
	VG_EUSAGE = 2, /* bad command line */
	VG_ESYS = 3,   /* an operating system call failed */
};

#define VG_ERR_MAX 1024

/* An error: a code and one message, with file:line:col at its start where there is one. */
struct vg_err {
	int code;
	char msg[VG_ERR_MAX];
};

/* Sets err (if not NULL) to code and the formatted message; returns -1. */
int vg_err_set(struct vg_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Like vg_err_set, with the message prefixed by "file:line:col: ". */
int vg_err_at(struct vg_err *err, int code, const char *file, unsigned line, unsigned col,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Clears err. */
void vg_err_clear(struct vg_err *err);

/* malloc/calloc/realloc/strdup that abort() on out-of-memory; the caller frees. */
void *vg_malloc(size_t n);
void *vg_calloc(size_t nmemb, size_t size);
void *vg_reallocarray(void *p, size_t nmemb, size_t size);
char *vg_strdup(const char *s);
/* Formats into a new string the caller frees; aborts on out-of-memory. */
char *vg_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* vg_asprintf with a va_list (which it consumes). */
char *vg_vasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* An arena: allocations live until vg_arena_free releases them all at once. */
struct vg_arena_chunk;
struct vg_arena {
	struct vg_arena_chunk *head;
	size_t total;
};

/* Initialises an empty arena. */
void vg_arena_init(struct vg_arena *a);
/* Returns zeroed memory owned by the arena, aligned for any type; aborts on OOM. */
void *vg_arena_alloc(struct vg_arena *a, size_t n);
/* Returns a copy of the n bytes at s, NUL-terminated, owned by the arena. */
char *vg_arena_strndup(struct vg_arena *a, const char *s, size_t n);
/* Returns a copy of s owned by the arena. */
char *vg_arena_strdup(struct vg_arena *a, const char *s);
/* Frees every allocation of the arena; the arena can be used again. */
void vg_arena_free(struct vg_arena *a);

/* A growable byte buffer born with a hard maximum: appends past it fail. */
struct vg_buf {
	char *data; /* always NUL-terminated when non-NULL; owned by the buffer */
	size_t len;
	size_t cap;
	size_t max;
};

/* Initialises an empty buffer that refuses to grow past max bytes. */
void vg_buf_init(struct vg_buf *b, size_t max);
/* Appends n bytes; returns -1 (buffer unchanged) when the maximum would be passed. */
int vg_buf_append(struct vg_buf *b, const void *p, size_t n);
/* Appends a string; -1 past the maximum. */
int vg_buf_puts(struct vg_buf *b, const char *s);
/* Appends formatted text; -1 past the maximum. */
int vg_buf_printf(struct vg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Frees the buffer's memory. */
void vg_buf_free(struct vg_buf *b);

/* Progress of long work: fn(arg, done, total, what) when a step starts; fn may be NULL. */
struct vg_progress {
	void (*fn)(void *arg, size_t done, size_t total, const char *what);
	void *arg;
};

/* Reads a whole regular file of at most max bytes; *data (NUL-terminated) is the caller's
 * to free. Refuses directories, devices and FIFOs; O_NOFOLLOW when nofollow is set. */
int vg_read_file(const char *path, size_t max, bool nofollow, char **data, size_t *len,
                 struct vg_err *err);

/* Writes data to path atomically: a new temp file in the same directory (O_EXCL), fsync,
 * rename over path, fsync of the directory. Nothing partial is ever left. The file gets
 * mode & ~umask, as open(2) would give it: 0644 under umask 077 is 0600. */
int vg_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
                    struct vg_err *err);

/* Decodes the UTF-8 sequence at s (n bytes left) into *cp (when cp is not NULL); returns
 * its length, or 0 when the bytes are not valid UTF-8 (overlong, surrogate, past
 * U+10FFFF, truncated) or n is 0. The one UTF-8 decoder of vigie. */
size_t vg_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* True when the n bytes at s are valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
 * On failure *bad is the offset of the first invalid byte. */
bool vg_utf8_valid(const char *s, size_t n, size_t *bad);

/* The process's umask, read without changing it (/proc/self/status; else set and reset,
 * which is not thread-safe: only the main thread creates files then). */
mode_t vg_umask(void);

/* Makes the untrusted string s safe to print on a terminal, into b (reset first, its
 * maximum raised as needed) and returns b's data: C0 and C1 controls, DEL, bidirectional
 * controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) and bytes that are
 * not UTF-8 are shown escaped (\x1B, \u202E), so that a file name, a key of a JSON file
 * or a signer's name cannot move the cursor, recolour, retitle, or reorder the line. The
 * one cleaning function for what vigie prints of files it did not write. NULL prints as
 * "". */
const char *vg_term_clean(struct vg_buf *b, const char *s);

/* Writes the lowercase hex encoding of n bytes into out (2n+1 bytes). */
void vg_hex(const unsigned char *p, size_t n, char *out);

/* Current time as RFC 3339 UTC ("2026-11-29T04:28:46Z") into out (at least 21 bytes). */
void vg_rfc3339_now(char *out, size_t outlen);

/* vigie's one language rule: English when lang (a --lang value, or NULL) is "en", else
 * when the first non-empty of VIGIE_LANG, LANGUAGE, LC_ALL, LC_MESSAGES, LANG starts with
 * "en"; French otherwise (fr_*, unset, C, C.UTF-8, POSIX). *explicit (when not NULL) is
 * true when lang or VIGIE_LANG decided. */
bool vg_lang_english(const char *lang, bool *explicit);

/* Formats v with decimals digits after the decimal mark into buf (len bytes), with its
 * sign always when sign is set ("+2.5"): a comma when comma is set (French text and HTML),
 * else a point (English, JSON, CSV). The one number formatter of vigie; returns buf. */
const char *vg_num(double v, int decimals, bool sign, bool comma, char *buf, size_t len);

/* Overwrites n bytes at p with zeros in a way the compiler cannot drop. */
void vg_cleanse(void *p, size_t n);

#endif
