/* report: what a scorecard says, for the mayor and the council: a self-contained HTML page
 * (inline CSS and SVG charts, no script, no external request), a plain UTF-8 text report,
 * and what changed between two scorecards. Depends on the model and scorecard structs
 * only (never on jansson). */
#ifndef VIGIE_REPORT_H
#define VIGIE_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "scorecard.h"
#include "util.h"

#define REPORT_MAX_OUT    (64u << 20) /* bytes of one report */
#define REPORT_TEXT_WIDTH 78          /* columns of the text report */
#define REPORT_MAX_SIG    4096        /* bytes of a .minisig file */

/* What an adjacent minisign signature says, read but not verified. */
struct report_sig {
	bool present;
	char keyid[17];     /* 16 uppercase hex digits, as minisign prints it */
	char signer[256];   /* "signer:" field of the trusted comment, "" when absent */
	char time[64];      /* "time:" field, "" when absent */
	char trusted[1024]; /* the whole trusted comment, control characters replaced */
	bool prehashed;     /* "ED" (BLAKE2b prehashed) rather than legacy "Ed" */
};

/* What a report is drawn from besides the scorecard. Every pointer may be NULL. */
struct report_opts {
	enum vg_lang lang;
	const struct vg_questionnaire *q; /* only when its sha256 is the scorecard's */
	const struct scorecard *previous; /* an older scorecard of the same organisation */
	const struct report_sig *sig;
	const char *sig_name; /* file name of the signature, shown to the reader */
	const char *tool_version;
	bool detail; /* the annex: every answer and note, every check */
};

/* A moment in Paris local time. */
struct report_tm {
	long year, month, day;
	int hour, min;
	int utc_offset; /* hours: 1 (winter) or 2 (summer) */
};

/* Converts "YYYY-MM-DDTHH:MM:SSZ" (UTC) to Europe/Paris local time, by the EU rule, without
 * the machine's TZ; false when rfc is not such a date. */
bool report_paris_time(const char *rfc, struct report_tm *tm);

/* rfc in words in Paris local time: "5 décembre 2026, 21 h 06" (fr) or "5 December 2026,
 * 21:06 (Paris time)" (en); without with_time, the date alone. rfc itself when it is not a
 * date. */
void report_date_words(enum vg_lang lang, const char *rfc, bool with_time, char *out,
                       size_t outlen);

/* True when the space sp (in s) is one French typography makes non-breaking: after «,
 * before », :, ;, ! or ?. */
bool report_space_binds(const char *s, const char *sp);

/* Appends the HTML page in b to out with the spaces of its text (not of its tags, styles
 * or scripts) that report_space_binds finds written as no-break spaces (&#160;); -1 when
 * out is full. */
int report_html_nbsp(struct vg_buf *b, struct vg_buf *out);

/* Appends s to b HTML-escaped (& < > " ' and control characters), safe in text, attribute
 * and SVG context; the spaces report_space_binds finds become no-break spaces (&#160;);
 * -1 when b is full. */
int report_html_escape(struct vg_buf *b, const char *s);

/* Returns a copy of s (owned by the arena) where C0/C1 control characters, DEL, invalid
 * UTF-8 and bidi embedding/override controls are replaced: tab, CR and LF by a space,
 * the others by U+FFFD. NULL gives "". */
char *report_clean(struct vg_arena *a, const char *s);

/* Display width of UTF-8 s in terminal columns (combining marks 0, wide characters 2). */
size_t report_width(const char *s);

/* Appends text to b word-wrapped at width columns: the first line starts with first, the
 * others with rest (both counted in the width); text is cleaned first. -1 when b is full. */
int report_wrap(struct vg_buf *b, const char *text, const char *first, const char *rest,
                size_t width);

/* WCAG 2 contrast ratio (1..21) between two "#rrggbb" colours. */
double report_contrast(const char *fg, const char *bg);

/* Background and text colours of the badge of grade "A".."E" (anything else: grey). */
void report_grade_colours(const char *grade, const char **bg, const char **fg);

/* Parses the text of a minisign .minisig (4 lines) into sig, without verifying it. */
int report_sig_parse(const char *data, size_t len, struct report_sig *sig, struct vg_err *err);

/* Why old and new cannot be compared (different organisation or questionnaire), into
 * why; returns false when they can. */
bool report_mismatch(const struct scorecard *old_sc, const struct scorecard *new_sc, char *why,
                     size_t whylen);

/* Writes the HTML report of sc into out (initialised by the caller, freed by the caller). */
int report_html(const struct scorecard *sc, const struct report_opts *o, struct vg_buf *out,
                struct vg_err *err);

/* Writes the text report of sc (UTF-8, wrapped at REPORT_TEXT_WIDTH) into out. */
int report_text(const struct scorecard *sc, const struct report_opts *o, struct vg_buf *out,
                struct vg_err *err);

/* Writes what changed from old_sc to new_sc as text into out (o->previous is ignored). */
int report_compare_text(const struct scorecard *old_sc, const struct scorecard *new_sc,
                        const struct report_opts *o, struct vg_buf *out, struct vg_err *err);

#endif
