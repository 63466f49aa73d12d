/* A person's messages as FHIR Communications: each message one, sent by
 * its writer to the thread's other participants, the thread's subject as
 * its topic and the message before it in the thread as what it answers.
 * The store shows a reader only the threads they take part in (the
 * person: all of theirs). */
#include "view/fhir.h"

#include <string.h>

#include "base/err.h"
#include "core/message.h"
#include "store/fhir.h"
#include "store/messages.h"

/* A participant as a reference: the person as the Patient, a network
 * member as the CareTeam names them (fhir_member_ref()). */
static json_t *
participant_ref(const char *person_id, const struct msg_participant *p)
{
	struct network_member m = {0};

	if (p->member_id == NULL)
		return fhir_ref("Patient", person_id, p->name);
	m.person_id = person_id;
	m.id = p->member_id;
	m.user_id = p->user_id;
	m.org_id = p->org_id;
	m.org_name = p->org_name;
	m.display_name = p->name;
	if (p->role == NULL || !net_role_parse(p->role, &m.role))
		m.role = NET_SUPPORTER;
	return fhir_member_ref(&m);
}

static json_t *
fhir_communication(const struct msg_thread *t, const struct message *m,
    const struct message *before, const struct msg_participant *p, size_t np)
{
	json_t *o = json_object(), *to = json_array(), *from = NULL;
	size_t i;

	for (i = 0; i < np; i++) {
		if (strcmp(p[i].user_id, m->author_id) == 0)
			from = participant_ref(t->person_id, &p[i]);
		else
			json_array_append_new(to, participant_ref(t->person_id, &p[i]));
	}
	if (from == NULL && m->author_name != NULL)
		from = json_pack("{s:s}", "display", m->author_name);
	json_object_set_new(o, "resourceType", json_string("Communication"));
	json_object_set_new(o, "id", json_string(m->id));
	json_object_set_new(o, "meta", fhir_meta(0, m->created_us));
	if (before != NULL)
		json_object_set_new(o, "inResponseTo", json_pack("[o]",
		    fhir_ref("Communication", before->id, NULL)));
	json_object_set_new(o, "status", json_string("completed"));
	json_object_set_new(o, "subject", fhir_ref("Patient", t->person_id, NULL));
	json_object_set_new(o, "topic", json_pack("{s:s}", "text", t->subject));
	json_object_set_new(o, "sent", fhir_instant(m->created_us));
	if (json_array_size(to) > 0)
		json_object_set_new(o, "recipient", to);
	else
		json_decref(to);
	if (from != NULL)
		json_object_set_new(o, "sender", from);
	json_object_set_new(o, "payload", json_pack("[{s:s}]", "contentString", m->body));
	return o;
}

static int
collect(struct fhir_ctx *x, const struct grant *g, struct fhir_list *out)
{
	struct msg_thread *ts;
	size_t nt, k;
	int rc;

	if ((rc = store_msg_threads(x->s, x->a, g, x->today, &ts, &nt)) != 0)
		return rc;
	for (k = 0; k < nt; k++) {
		struct message *ms;
		struct msg_participant *ps;
		size_t nm, np, i;

		if ((rc = store_msg_messages(x->s, x->a, g, ts[k].id, &ms, &nm)) != 0 ||
		    (rc = store_msg_participants(x->s, x->a, g, x->today, ts[k].id, &ps,
		    &np)) != 0)
			return rc;
		for (i = 0; i < nm; i++)
			fhir_list_add(x->a, out, fhir_communication(&ts[k], &ms[i],
			    i > 0 ? &ms[i - 1] : NULL, ps, np), CAT_NOTES);
	}
	return 0;
}

static int
owner(struct fhir_ctx *x, const char *id, const char **person_id)
{
	return store_message_person(x->s, x->a, id, person_id);
}

static const struct fhir_param params[] = {
	{"sent", FP_DATE, "sent", "when it was sent"},
	{"sender", FP_REFERENCE, "sender", "who wrote it (Patient, PractitionerRole, "
	    "RelatedPerson)"},
	{"recipient", FP_REFERENCE, "recipient", "to whom"},
	{"status", FP_TOKEN, "status", "completed"},
	{NULL, 0, NULL, NULL},
};

const struct fhir_kind fhir_communication_kind = {
	.type = "Communication", .access = FA_MESSAGES, .cat = CAT_NOTES,
	.collect = collect, .owner = owner, .params = params, .in_everything = true,
};
