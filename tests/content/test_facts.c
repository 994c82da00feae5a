/* The facts and references a consultant would check (issue 17), pinned on the shipped
 * questionnaires as the real loader reads them: one test per corrected statement, per
 * reference mapping and per scoring rule. Each names what it pins, so a later edit that
 * brings an error back fails here with the question and the words at fault. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_load.h"
#include "yaml_load.h"

static const struct vg_question *question(const struct vg_questionnaire *q, const char *id)
{
	const struct vg_question *qn = model_find_question(q, id);

	if (qn == NULL)
		fail_msg("%s has no question %s", q->id, id);
	return qn;
}

static const struct vg_option *option(const struct vg_question *qn, const char *id)
{
	const struct vg_option *o = model_find_option(qn, id);

	if (o == NULL)
		fail_msg("%s has no option %s", qn->id, id);
	return o;
}

static const char *lang(const struct vg_text *t, bool en)
{
	return en ? (t->en != NULL ? t->en : "") : (t->fr != NULL ? t->fr : "");
}

/* The text `what` of question id says `needle` (in French, or English when en). */
static void says(const struct vg_questionnaire *q, const char *id, const char *what, bool en,
                 const char *needle)
{
	const struct vg_question *qn = question(q, id);
	const struct vg_text *t = strcmp(what, "text") == 0     ? &qn->text
	                          : strcmp(what, "help") == 0   ? &qn->help
	                          : strcmp(what, "action") == 0 ? &qn->action
	                                                        : NULL;

	assert_non_null(t);
	if (strstr(lang(t, en), needle) == NULL)
		fail_msg("%s: the %s of %s (%s) should say \"%s\"", q->id, what, id,
		         en ? "en" : "fr", needle);
}

static void does_not_say(const struct vg_questionnaire *q, const char *id, const char *what,
                         bool en, const char *needle)
{
	const struct vg_question *qn = question(q, id);
	const struct vg_text *t = strcmp(what, "text") == 0 ? &qn->text : &qn->help;

	if (strstr(lang(t, en), needle) != NULL)
		fail_msg("%s: the %s of %s (%s) should not say \"%s\"", q->id, what, id,
		         en ? "en" : "fr", needle);
}

/* Calls fn on every string of q in one language, with where it is. */
typedef void (*visit_fn)(const char *s, const char *where, const void *arg);

static void visit(const struct vg_questionnaire *q, bool en, visit_fn fn, const void *arg)
{
	fn(lang(&q->title, en), "title", arg);
	fn(lang(&q->description, en), "description", arg);
	for (size_t d = 0; d < q->ndomains; d++) {
		fn(lang(&q->domains[d].title, en), q->domains[d].id, arg);
		fn(lang(&q->domains[d].description, en), q->domains[d].id, arg);
	}
	for (size_t i = 0; i < q->nall; i++) {
		const struct vg_question *qn = q->all[i];

		fn(lang(&qn->text, en), qn->id, arg);
		fn(lang(&qn->help, en), qn->id, arg);
		fn(lang(&qn->action, en), qn->id, arg);
		for (size_t o = 0; o < qn->noptions; o++) {
			fn(lang(&qn->options[o].text, en), qn->id, arg);
			fn(lang(&qn->options[o].advice, en), qn->id, arg);
		}
	}
}

/* A word that must not appear, except inside an allowed phrase. */
struct banned {
	const char *word, *except;
};

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(s, needle); p != NULL; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void no_banned(const char *s, const char *where, const void *arg)
{
	const struct banned *b = arg;
	size_t bad = count(s, b->word) - (b->except != NULL ? count(s, b->except) : 0);

	if (bad > 0)
		fail_msg("%s says \"%s\"%s%s%s", where, b->word, b->except ? " (outside \"" : "",
		         b->except ? b->except : "", b->except ? "\")" : "");
}

static void banned_everywhere(bool en, const char *word, const char *except)
{
	const struct banned b = {word, except};

	visit(communes, en, no_banned, &b);
	visit(express, en, no_banned, &b);
	visit(decouverte, en, no_banned, &b);
}

static bool has_ref(const struct vg_question *qn, const char *ref)
{
	for (size_t r = 0; r < qn->nrefs; r++)
		if (strcmp(qn->refs[r], ref) == 0)
			return true;
	return false;
}

static void cites(const struct vg_questionnaire *q, const char *id, const char *ref, bool want)
{
	if (has_ref(question(q, id), ref) != want)
		fail_msg("%s: %s should %scite %s", q->id, id, want ? "" : "not ", ref);
}

/* Facts. */

static void test_payments_go_through_the_sgc_of_the_dgfip(void **state)
{
	(void)state;
	says(communes, "sensibilisation.fraude_paiement", "help", false,
	     "service de gestion comptable (SGC) de la DGFiP");
	says(express, "sensibilisation.fraude_paiement", "help", false,
	     "service de gestion comptable (SGC) de la DGFiP");
	says(communes, "sensibilisation.fraude_paiement", "help", true,
	     "service de gestion comptable (SGC)");
	banned_everywhere(false, "trésorerie", "remplacé la trésorerie");
	banned_everywhere(true, "public treasury", NULL);
}

static void test_the_cnfpt_trains_staff_not_elected_officials(void **state)
{
	(void)state;
	says(communes, "gouvernance.elus_sensibilises", "help", false,
	     "Le CNFPT, lui, forme les agents territoriaux, pas les élus");
	says(communes, "gouvernance.elus_sensibilises", "help", true, "not elected officials");
	does_not_say(communes, "gouvernance.elus_sensibilises", "help", false,
	             "CNFPT — Centre national");
}

static void test_passwords_follow_cnil_2022_100(void **state)
{
	static const char *const fr[] = {"2022-100", "12 caractères", "14 caractères",
	                                 "au moins 7 mots"};
	static const char *const en[] = {"2022-100", "12 characters", "14 characters",
	                                 "at least 7 words"};

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		says(communes, "comptes.mots_de_passe", "help", false, fr[i]);
		says(communes, "comptes.mots_de_passe", "help", true, en[i]);
		says(express, "comptes.mots_de_passe", "help", false, fr[i]);
	}
	banned_everywhere(false, "ou une phrase de plusieurs mots", NULL);
}

static void test_a_lost_laptop_is_notified_only_where_there_is_a_risk(void **state)
{
	(void)state;
	says(communes, "postes.chiffrement_portables", "help", false, "(RGPD, article 33)");
	says(communes, "postes.chiffrement_portables", "help", false,
	     "lorsqu'elle présente un risque pour les personnes");
	says(communes, "postes.chiffrement_portables", "help", true, "where it is a risk");
	banned_everywhere(false, "fuite de données personnelles qu'il faut signaler", NULL);
	says(communes, "incidents.notification_cnil", "text", false,
	     "dès qu'il présente un risque pour les personnes");
	says(communes, "incidents.notification_cnil", "text", true, "whenever it is a risk");
}

static void test_important_logs_are_kept_at_least_a_year(void **state)
{
	const struct vg_question *qn = question(communes, "incidents.journaux");

	(void)state;
	says(communes, "incidents.journaux", "help", false, "au moins un an");
	says(communes, "incidents.journaux", "help", false, "mesure 36");
	says(communes, "incidents.journaux", "text", false, "au moins un an");
	says(communes, "incidents.journaux", "text", true, "at least a year");
	for (size_t o = 0; o < qn->noptions; o++)
		if (strstr(lang(&qn->options[o].text, false), "trois mois") != NULL ||
		    strstr(lang(&qn->options[o].advice, false), "trois mois") != NULL)
			fail_msg("incidents.journaux: option %s still says three months",
			         qn->options[o].id);
}

static void test_a_complaint_within_72_hours_for_the_insurer(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++) {
		const struct vg_questionnaire *q = i == 0 ? communes : express;

		says(q, "incidents.contacts_urgence", "help", false,
		     "L. 12-10-1 du Code des assurances");
		says(q, "incidents.contacts_urgence", "help", false, "avril 2023");
		says(q, "incidents.contacts_urgence", "help", false, "72 heures");
		says(q, "incidents.contacts_urgence", "help", true, "L. 12-10-1");
		says(q, "incidents.contacts_urgence", "help", true, "72 hours");
	}
}

static void test_nis2_status_is_dated_and_says_where_to_check(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++) {
		const struct vg_questionnaire *q = i == 0 ? communes : express;

		says(q, "ctx.population", "help", false, "communauté de communes");
		says(q, "ctx.population", "help", false, "état au 1er décembre 2026");
		says(q, "ctx.population", "help", false, "cyber.gouv.fr");
		says(q, "ctx.population", "help", true, "as of 1 December 2026");
	}
	says(communes, "nis2.enregistrement", "help", false, "État au 1er décembre 2026");
	says(communes, "nis2.enregistrement", "help", false, "communautés de communes");
	says(communes, "nis2.enregistrement", "help", false, "MonEspaceNIS2");
	/* And the NIS 2 questions are asked of every grouping of municipalities. */
	{
		const struct vg_question *qn = question(communes, "nis2.enregistrement");

		assert_int_equal(qn->nalts, 2);
		assert_string_equal(qn->conds[1].question->id, "ctx.type");
		assert_string_equal(qn->conds[1].options[0]->id, "intercommunalite");
	}
}

/* Plain words. */

static void test_the_four_technical_questions_ask_what_the_clerk_can_answer(void **state)
{
	static const struct {
		const char *id, *plain, *jargon[3];
	} qs[] = {
	    {"reseau.bureau_distance_expose", "confirmé par écrit", {"RDP", "3389", NULL}},
	    {"messagerie_web.spf_dkim_dmarc", "confirmé par écrit", {"SPF", "DKIM", "DMARC"}},
	    {"messagerie_web.messagerie_tls", "cadenas", {"TLS", "STARTTLS", NULL}},
	    {"messagerie_web.site_https", "cadenas", {"TLS", "HSTS", NULL}},
	};

	(void)state;
	for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
		says(communes, qs[i].id, "text", false, qs[i].plain);
		for (size_t j = 0; j < 3 && qs[i].jargon[j] != NULL; j++) {
			does_not_say(communes, qs[i].id, "text", false, qs[i].jargon[j]);
			says(communes, qs[i].id, "help", false, qs[i].jargon[j]);
		}
	}
}

static void test_antivirus_options_do_not_contradict_themselves(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++) {
		const struct vg_question *qn =
		    question(i == 0 ? communes : express, "postes.antivirus");
		const char *fr = lang(&option(qn, "actif")->text, false);

		/* "Oui, mais sans vérification qu'il est actif": yes it is active, but nobody
		 * knows whether it is active. */
		if (strncmp(fr, "Oui", 3) == 0 || strstr(fr, "personne ne vérifie") == NULL)
			fail_msg("postes.antivirus option actif: \"%s\"", fr);
	}
}

static void test_one_term_each(void **state)
{
	(void)state;
	banned_everywhere(false, "DPD", NULL);
	banned_everywhere(false, "NIS2", "MonEspaceNIS2");
	banned_everywhere(true, "NIS2", "MonEspaceNIS2");
	banned_everywhere(false, "Wi-Fi", NULL);
	banned_everywhere(true, "wifi", NULL);
	banned_everywhere(false, "Effort faible", NULL);
	banned_everywhere(false, "Effort moyen", NULL);
	banned_everywhere(false, "Effort élevé", NULL);
	banned_everywhere(false, "(effort ", NULL);
	banned_everywhere(true, "Low effort", NULL);
	banned_everywhere(true, "Medium effort", NULL);
	banned_everywhere(true, "High effort", NULL);
	banned_everywhere(true, " effort)", NULL);
}

/* Scoring. */

static void test_forwarding_to_a_personal_mailbox_scores_as_mixed(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++) {
		const struct vg_question *qn =
		    question(i == 0 ? communes : express, "messagerie_web.adresses_pro");

		if (option(qn, "pro")->value > option(qn, "mixte")->value)
			fail_msg("adresses_pro: forwarding (%d) scores above mixed addresses (%d)",
			         option(qn, "pro")->value, option(qn, "mixte")->value);
	}
}

static void test_remote_access_exposure(void **state)
{
	const struct vg_question *qn = question(communes, "reseau.bureau_distance_expose");

	(void)state;
	assert_true(qn->critical);
	/* "Never checked" is no better than "je ne sais pas". */
	assert_int_equal(option(qn, "suppose")->value, 0);
	assert_int_equal(option(qn, "expose")->value, 0);
	/* Asked with a server or remote work. */
	assert_int_equal(qn->nalts, 2);
	assert_int_equal(qn->nconds, 2);
	assert_string_equal(qn->conds[0].question->id, "ctx.serveur");
	assert_string_equal(qn->conds[0].options[0]->id, "oui");
	assert_string_equal(qn->conds[1].question->id, "ctx.teletravail");
	assert_string_equal(qn->conds[1].options[0]->id, "oui");
}

static void test_offline_backups_only_where_the_commune_holds_data(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++) {
		const struct vg_questionnaire *q = i == 0 ? communes : express;
		const struct vg_question *ctx = question(q, "ctx.donnees");
		const struct vg_question *qn = question(q, "sauvegardes.hors_ligne");

		assert_null(ctx->domain);
		option(ctx, "en_ligne");
		assert_true(qn->critical);
		assert_int_equal(qn->nconds, 1);
		assert_ptr_equal(qn->conds[0].question, ctx);
		assert_int_equal(qn->conds[0].noptions, 2);
		assert_string_equal(qn->conds[0].options[0]->id, "mairie");
		assert_string_equal(qn->conds[0].options[1]->id, "mixte");
	}
}

static void test_user_rights_rank_above_separate_admin_accounts(void **state)
{
	(void)state;
	if (question(communes, "postes.droits_utilisateurs")->priority >=
	    question(communes, "comptes.admin_separes")->priority)
		fail_msg("postes.droits_utilisateurs (%d) must rank before comptes.admin_separes "
		         "(%d)",
		         question(communes, "postes.droits_utilisateurs")->priority,
		         question(communes, "comptes.admin_separes")->priority);
}

static void test_duplicates_are_merged(void **state)
{
	static const char *const gone[] = {"gouvernance.obligations", "sensibilisation.charte",
	                                   "sensibilisation.elus"};
	static const char *const kept[] = {"gouvernance.charte", "gouvernance.elus_sensibilises",
	                                   "donnees.dpo", "donnees.registre"};

	(void)state;
	for (size_t i = 0; i < 3; i++)
		if (model_find_question(communes, gone[i]) != NULL)
			fail_msg("%s duplicates another question; it should be gone", gone[i]);
	for (size_t i = 0; i < 4; i++)
		question(communes, kept[i]);
}

/* References. */

static void test_references_name_the_right_measures(void **state)
{
	static const struct {
		int q; /* 0 communes, 1 express, 2 decouverte */
		const char *id, *ref;
		bool want;
	} m[] = {
	    {0, "comptes.admin_separes", "anssi-hygiene:8", true},
	    {0, "comptes.admin_separes", "anssi-hygiene:27", false},
	    {1, "comptes.admin_separes", "anssi-hygiene:27", false},
	    {0, "gouvernance.elu_referent", "anssi-hygiene:38", false},
	    {1, "gouvernance.elu_referent", "anssi-hygiene:38", false},
	    {0, "gouvernance.controles", "anssi-hygiene:38", true},
	    {0, "postes.chiffrement_portables", "anssi-hygiene:30", false},
	    {0, "postes.chiffrement_portables", "anssi-hygiene:31", true},
	    {0, "reseau.appareils_maitrises", "anssi-hygiene:7", true},
	    {0, "postes.pare_feu_local", "anssi-hygiene:17", true},
	    {0, "postes.telephones_tablettes", "anssi-hygiene:33", true},
	    {2, "comptes.nominatifs", "anssi-hygiene:8", true},
	    {2, "comptes.nominatifs", "anssi-hygiene:7", false},
	    {2, "comptes.double_authentification", "anssi-hygiene:13", true},
	    {2, "comptes.double_authentification", "anssi-hygiene:11", false},
	};
	const struct vg_questionnaire *qs[] = {communes, express, decouverte};

	(void)state;
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
		cites(qs[m[i].q], m[i].id, m[i].ref, m[i].want);
	/* Measure 17's question is on the antivirus's screen. */
	says(communes, "postes.pare_feu_local", "text", false, "Sécurité Windows");
	/* Measure 33's is about elected officials' own phones and tablets. */
	says(communes, "postes.telephones_tablettes", "help", false, "élus");
	says(communes, "postes.telephones_tablettes", "text", false, "personnels");
}

static char *slurp(const char *rel)
{
	char path[512];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof path, "%s/%s", TEST_SOURCE_DIR, rel);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The block of measure n in docs/anssi-hygiene-measures.yaml, up to the next measure. */
static char *measure(const char *all, int n)
{
	char key[64], key2[64];
	const char *s, *e;

	snprintf(key, sizeof key, "\n    - number: %d\n", n);
	snprintf(key2, sizeof key2, "\n    - {number: %d,", n);
	s = strstr(all, key);
	if (s == NULL)
		s = strstr(all, key2);
	if (s == NULL)
		fail_msg("measure %d not found", n);
	e = strstr(s + 1, "\n    - ");
	{
		size_t len = e != NULL ? (size_t)(e - s) : strlen(s);
		char *b = malloc(len + 1);

		assert_non_null(b);
		memcpy(b, s, len);
		b[len] = '\0';
		return b;
	}
}

static void test_measure_titles_and_reasons_follow_the_guide(void **state)
{
	static const struct {
		int n;
		const char *says;
	} m[] = {
	    {14, "sur tout le parc : postes, serveurs, imprimantes, téléphones"},
	    {18, "theme: 4,"},
	    {27, "postes ou serveurs qui servent à administrer"},
	    {27, "left_out:"},
	    {30, "left_out:"},
	    {42, "qualifiés par l'ANSSI"},
	    {42, "qualified by ANSSI"},
	};
	char *all = slurp("docs/anssi-hygiene-measures.yaml");

	(void)state;
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
		char *b = measure(all, m[i].n);

		if (strstr(b, m[i].says) == NULL)
			fail_msg("measure %d should say \"%s\":\n%s", m[i].n, m[i].says, b);
		free(b);
	}
	for (int n = 7; n <= 33; n++) {
		char *b;

		if (n != 7 && n != 17 && n != 33)
			continue;
		b = measure(all, n);
		if (strstr(b, "left_out") != NULL)
			fail_msg("measure %d is covered now; it has no reason to be left out", n);
		free(b);
	}
	{
		char *b = measure(all, 42);

		if (strstr(b, "certified") != NULL)
			fail_msg("measure 42: the guide's word is \"qualifiés\" (qualified)");
		free(b);
	}
	free(all);
}

static void test_coverage_counts_a_typical_commune(void **state)
{
	char *md = slurp("docs/coverage.md");

	(void)state;
	if (strstr(md, "## For a typical commune") == NULL ||
	    strstr(md, "ctx.serveur = non, ctx.teletravail = non") == NULL ||
	    strstr(md, "measures covered by the questions a typical commune is asked") == NULL)
		fail_msg("docs/coverage.md does not count coverage for a typical commune");
	free(md);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_payments_go_through_the_sgc_of_the_dgfip),
	    cmocka_unit_test(test_the_cnfpt_trains_staff_not_elected_officials),
	    cmocka_unit_test(test_passwords_follow_cnil_2022_100),
	    cmocka_unit_test(test_a_lost_laptop_is_notified_only_where_there_is_a_risk),
	    cmocka_unit_test(test_important_logs_are_kept_at_least_a_year),
	    cmocka_unit_test(test_a_complaint_within_72_hours_for_the_insurer),
	    cmocka_unit_test(test_nis2_status_is_dated_and_says_where_to_check),
	    cmocka_unit_test(test_the_four_technical_questions_ask_what_the_clerk_can_answer),
	    cmocka_unit_test(test_antivirus_options_do_not_contradict_themselves),
	    cmocka_unit_test(test_one_term_each),
	    cmocka_unit_test(test_forwarding_to_a_personal_mailbox_scores_as_mixed),
	    cmocka_unit_test(test_remote_access_exposure),
	    cmocka_unit_test(test_offline_backups_only_where_the_commune_holds_data),
	    cmocka_unit_test(test_user_rights_rank_above_separate_admin_accounts),
	    cmocka_unit_test(test_duplicates_are_merged),
	    cmocka_unit_test(test_references_name_the_right_measures),
	    cmocka_unit_test(test_measure_titles_and_reasons_follow_the_guide),
	    cmocka_unit_test(test_coverage_counts_a_typical_commune),
	};

	return cmocka_run_group_tests(tests, content_setup, content_teardown);
}
