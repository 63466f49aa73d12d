/* Messages: the checks and the notice's words (see message.h). */
#include "core/message.h"

#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"
#include "base/utf8.h"

static bool
blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

const char *
message_check_body(const char *s)
{
	size_t len;

	if (s == NULL)
		return "required";
	len = strlen(s);
	if (!utf8_valid_text(s, len))
		return "invalid_format";
	if (blank(s))
		return "required";
	if (utf8_count(s, len) > MESSAGE_MAX)
		return "too_long";
	return NULL;
}

const char *
message_check_subject(const char *s)
{
	size_t len;

	if (s == NULL)
		return "required";
	len = strlen(s);
	if (!utf8_valid_text(s, len) || strpbrk(s, "\r\n\t") != NULL)
		return "invalid_format";
	if (blank(s))
		return "required";
	if (utf8_count(s, len) > MESSAGE_SUBJECT_MAX)
		return "too_long";
	return NULL;
}

int64_t
message_unread(int64_t last_seq, int64_t read_seq)
{
	return last_seq > read_seq ? last_seq - read_seq : 0;
}

void
message_notice(struct arena *a, const char *base_url, const char **subject,
    const char **body)
{
	*subject = _("You have a new message in rosc");
	*body = arena_printf(a, "%s\n\n%s\n%s/signin\n", _("You have a new message in rosc."),
	    _("Sign in to read it:"), base_url);
}
