/* The 2026 topics of issue 17 in the shipped questionnaires: each new question exists with
 * the facts a consultant would check, and every question carries the MonAideCyber measure
 * and the ReCyF objective it maps to, so results carry over to ANSSI's services. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "reflist.h"
#include "content_load.h"
#include "yaml_load.h"

static bool has_ref(const struct vg_question *qn, const char *ref)
{
	size_t len = strlen(ref);

	for (size_t r = 0; r < qn->nrefs; r++)
		if (strncmp(qn->refs[r], ref, len) == 0 &&
		    (ref[len - 1] == ':' || qn->refs[r][len] == '\0'))
			return true;
	return false;
}

/* The question id of communes, failing the test when it is missing. */
static const struct vg_question *question(const char *id)
{
	const struct vg_question *qn = model_find_question(communes, id);

	if (qn == NULL || qn->domain == NULL)
		fail_msg("communes has no question %s", id);
	return qn;
}

/* Fails unless every word of the NULL-terminated list is in the French text t. */
static void says(const char *id, const char *what, const struct vg_text *t,
                 const char *const *words)
{
	for (size_t i = 0; words[i] != NULL; i++)
		if (t->fr == NULL || strstr(t->fr, words[i]) == NULL)
			fail_msg("the %s of %s does not say \"%s\"", what, id, words[i]);
}

static int option_value(const struct vg_question *qn, const char *id)
{
	const struct vg_option *op = model_find_option(qn, id);

	if (op == NULL)
		fail_msg("%s has no option %s", qn->id, id);
	return op->value;
}

static void check_both_mappings(const struct vg_questionnaire *q)
{
	for (size_t d = 0; d < q->ndomains; d++)
		for (size_t i = 0; i < q->domains[d].nquestions; i++) {
			const struct vg_question *qn = &q->domains[d].questions[i];

			if (!has_ref(qn, "monaidecyber:"))
				fail_msg("%s: %s carries no MonAideCyber measure (monaidecyber:)",
				         q->id, qn->id);
			if (!has_ref(qn, "recyf:"))
				fail_msg("%s: %s carries no ReCyF objective (recyf:)", q->id,
				         qn->id);
			for (size_t r = 0; r < qn->nrefs; r++) {
				char *end;
				long n;

				if (strncmp(qn->refs[r], "recyf:", 6) != 0)
					continue;
				n = strtol(qn->refs[r] + 6, &end, 10);
				if (*end != '\0' || n < 1 || n > 20)
					fail_msg(
					    "%s: %s cites %s; ReCyF v2.5 has objectives 1 to 20",
					    q->id, qn->id, qn->refs[r]);
			}
		}
}

static void test_every_question_maps_to_monaidecyber_and_recyf(void **state)
{
	(void)state;
	check_both_mappings(communes);
	check_both_mappings(express);
	check_both_mappings(decouverte);
}

static void test_the_new_ref_kinds_read_in_words(void **state)
{
	char buf[256];

	(void)state;
	assert_string_equal(model_ref_words("recyf:13", VG_LANG_FR, buf, sizeof buf),
	                    "Référentiel Cyber France (ReCyF), objectif 13");
	assert_string_equal(model_ref_words("recyf:13", VG_LANG_EN, buf, sizeof buf),
	                    "Référentiel Cyber France (ReCyF), objective 13");
	assert_string_equal(
	    model_ref_words("monaidecyber:reaction.sauvegardes", VG_LANG_FR, buf, sizeof buf),
	    "Référentiel MonAideCyber, mesure « Faire des sauvegardes régulières »");
	assert_string_equal(
	    model_ref_words("monaidecyber:reaction.sauvegardes", VG_LANG_EN, buf, sizeof buf),
	    "MonAideCyber reference, measure “Back up regularly”");
	/* Every measure a question cites reads as its title, never as vigie's id for it. */
	const struct vg_questionnaire *qs[] = {communes, express, decouverte};

	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < qs[k]->nall; i++)
			for (size_t r = 0; r < qs[k]->all[i]->nrefs; r++)
				if (strncmp(qs[k]->all[i]->refs[r], "monaidecyber:", 13) == 0 &&
				    reflist_title("monaidecyber", qs[k]->all[i]->refs[r] + 13) ==
				        NULL)
					fail_msg("%s: no title for %s", qs[k]->all[i]->id,
					         qs[k]->all[i]->refs[r]);
	/* The screens print the references into 1024 bytes: none is cut there. */
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < qs[k]->nall; i++) {
			char refs[1024];

			if (strlen(model_refs_words(qs[k]->all[i], VG_LANG_FR, refs,
			                            sizeof refs)) >= sizeof refs - 1)
				fail_msg("%s: its references fill 1024 bytes", qs[k]->all[i]->id);
		}
}

static void test_cyber_insurance_names_its_conditions_and_the_72_hour_complaint(void **state)
{
	const struct vg_question *qn = question("gouvernance.assurance_cyber");
	static const char *const help[] = {"L12-10-1",   "72 heures",          "plainte",
	                                   "avril 2023", "legifrance.gouv.fr", NULL};

	(void)state;
	says(qn->id, "help", &qn->help, help);
	assert_true(has_ref(qn, "anssi-amf:4"));
	assert_int_equal(option_value(qn, "non"), 0);
	/* A cover nobody has read the conditions of is worth less than one that is known. */
	assert_true(option_value(qn, "garantie") < option_value(qn, "conditions"));
}

static void test_signing_certificates_are_personal_and_revoked_after_march_2026(void **state)
{
	const struct vg_question *qn = question("comptes.certificats_signature");
	static const char *const text[] = {"PES",  "@CTES",    "Chorus Pro", "marchés",
	                                   "code", "révoqués", NULL};
	static const char *const help[] = {"mars 2026", "révoqués", "PIN", NULL};

	(void)state;
	says(qn->id, "text", &qn->text, text);
	says(qn->id, "help", &qn->help, help);
	/* Signing with someone else's key is the worst case, not a partial one. */
	assert_int_equal(option_value(qn, "partages"), 0);
	assert_true(option_value(qn, "anciens") < option_value(qn, "personnels"));
	assert_true(has_ref(qn, "anssi-hygiene:8") && has_ref(qn, "anssi-hygiene:6"));
}

static void test_state_portal_accounts_are_named_and_closed_on_departure(void **state)
{
	const struct vg_question *qn = question("comptes.portails_etat");
	static const char *const text[] = {"ANTS", "COMEDEC", "ELIRE",  "DSN",
	                                   "CAF",  "au nom",  "fermés", NULL};

	(void)state;
	says(qn->id, "text", &qn->text, text);
	assert_int_equal(option_value(qn, "partages"), 0);
	assert_true(has_ref(qn, "anssi-hygiene:6"));
}

static void test_ccas_health_data_needs_an_hds_host(void **state)
{
	const struct vg_question *qn = question("donnees.ccas_sante");
	static const char *const help[] = {"HDS", "L1111-8", "article 9", "non applicable", NULL};

	(void)state;
	says(qn->id, "help", &qn->help, help);
	assert_true(qn->allow_na);
	assert_true(has_ref(qn, "rgpd:9"));
}

static void test_devices_lent_to_officials_are_reset_after_march_2026(void **state)
{
	const struct vg_question *qn = question("postes.appareils_elus");
	const struct vg_question *in_use = question("postes.telephones_tablettes");
	static const char *const text[] = {"prête aux élus", "mars 2026", "remis à zéro",
	                                   "comptes des anciens élus", NULL};
	static const char *const help[] = {"autre question", "non applicable", NULL};

	(void)state;
	says(qn->id, "text", &qn->text, text);
	/* It is about getting lent devices back, not the settings of devices in use, which
	 * postes.telephones_tablettes asks (measure 33). */
	says(qn->id, "help", &qn->help, help);
	assert_true(has_ref(in_use, "anssi-hygiene:33"));
	assert_true(qn->allow_na);
	assert_true(has_ref(qn, "anssi-hygiene:6") && has_ref(qn, "cis-v8:6.2"));
}

static void test_public_computers_and_sockets_are_kept_apart(void **state)
{
	const struct vg_question *qn = question("reseau.postes_publics");
	static const char *const text[] = {"France Services", "prises réseau", "séparés", NULL};

	(void)state;
	says(qn->id, "text", &qn->text, text);
	assert_true(qn->allow_na);
	assert_true(has_ref(qn, "anssi-hygiene:19"));
}

static void test_plant_control_systems_are_asked_only_where_the_commune_runs_them(void **state)
{
	const struct vg_question *qn = question("reseau.installations_techniques");
	const struct vg_question *ctx = model_find_question(communes, "ctx.regie");
	static const char *const text[] = {"eau potable", "assainissement", "éclairage public",
	                                   NULL};

	(void)state;
	assert_non_null(ctx);
	assert_null(ctx->domain);
	says(qn->id, "text", &qn->text, text);
	assert_int_equal(qn->nconds, 1);
	assert_ptr_equal(qn->conds[0].question, ctx);
	assert_int_equal(qn->conds[0].noptions, 1);
	assert_string_equal(qn->conds[0].options[0]->id, "oui");
	assert_true(has_ref(qn, "monaidecyber:infrastructure.cloisonnement-industriel"));
}

static void test_disks_of_copiers_and_old_computers_are_wiped(void **state)
{
	const struct vg_question *qn = question("donnees.effacement_materiel");
	static const char *const text[] = {"copieur", "ordinateur", "effacer", NULL};

	(void)state;
	says(qn->id, "text", &qn->text, text);
	assert_true(has_ref(qn, "cis-v8:3.5"));
}

static void test_dns_filtering_and_phishing_drills_are_questions_of_their_own(void **state)
{
	const struct vg_question *dns = question("reseau.filtrage_dns");
	const struct vg_question *drill = question("sensibilisation.exercice_hameconnage");
	static const char *const drill_help[] = {"ne sanctionne pas", NULL};

	(void)state;
	assert_true(has_ref(dns, "cis-v8:9.2"));
	assert_true(has_ref(drill, "cis-v8:14.2"));
	says(drill->id, "help", &drill->help, drill_help);
	assert_int_equal(option_value(drill, "jamais"), 0);
}

static void test_where_to_go_next_names_the_public_schemes(void **state)
{
	const struct vg_question *qn = question("gouvernance.accompagnement");
	static const char *const help[] = {"MonAideCyber",
	                                   "Aidant cyber",
	                                   "ExpertCyber",
	                                   "SensCyber",
	                                   "CSIRT",
	                                   "cybermalveillance.gouv.fr",
	                                   NULL};

	(void)state;
	says(qn->id, "help", &qn->help, help);
	assert_true(has_ref(qn, "anssi-amf:1"));
}

static void test_express_asks_about_signing_certificates(void **state)
{
	(void)state;
	assert_non_null(model_find_question(express, "comptes.certificats_signature"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_question_maps_to_monaidecyber_and_recyf),
	    cmocka_unit_test(test_the_new_ref_kinds_read_in_words),
	    cmocka_unit_test(test_cyber_insurance_names_its_conditions_and_the_72_hour_complaint),
	    cmocka_unit_test(test_signing_certificates_are_personal_and_revoked_after_march_2026),
	    cmocka_unit_test(test_state_portal_accounts_are_named_and_closed_on_departure),
	    cmocka_unit_test(test_ccas_health_data_needs_an_hds_host),
	    cmocka_unit_test(test_devices_lent_to_officials_are_reset_after_march_2026),
	    cmocka_unit_test(test_public_computers_and_sockets_are_kept_apart),
	    cmocka_unit_test(test_plant_control_systems_are_asked_only_where_the_commune_runs_them),
	    cmocka_unit_test(test_disks_of_copiers_and_old_computers_are_wiped),
	    cmocka_unit_test(test_dns_filtering_and_phishing_drills_are_questions_of_their_own),
	    cmocka_unit_test(test_where_to_go_next_names_the_public_schemes),
	    cmocka_unit_test(test_express_asks_about_signing_certificates),
	};

	return cmocka_run_group_tests(tests, content_setup, content_teardown);
}
