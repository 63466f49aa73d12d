#include "core/password.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "base/err.h"
#include "base/utf8.h"
#include "core/account.h"

/* Well-known passwords of 10 characters or more, from public lists of the
 * most used passwords, lower case; plus words a password here is likely to
 * be built from. Compared case-insensitively. */
static const char *const common[] = {
	"1234567890", "0123456789", "0987654321", "12345678910", "123456789a",
	"1q2w3e4r5t", "1qaz2wsx3edc", "1q2w3e4r5t6y", "qwertyuiop", "qwerty1234",
	"qwerty123456", "qwertyuiop123", "asdfghjkl1", "azertyuiop", "zxcvbnm123",
	"password123", "password12", "password1234", "password!!", "passw0rd123",
	"password01", "p@ssword123", "p@ssw0rd123", "iloveyou12", "iloveyou123",
	"1111111111", "0000000000", "abcdefghij", "abcdef1234", "abc1234567",
	"letmein123", "welcome123", "welcome1234", "football123", "baseball123",
	"superman123", "princess123", "sunshine123", "trustno1234", "monkey12345",
	"dragon12345", "master12345", "starwars123", "whatever123", "changeme123",
	"administrator", "admin12345", "admin123456", "adminadmin", "rootroot12",
	"qazwsxedc123", "computer123", "internet123", "michael123", "jennifer123",
	"charlie123", "shadow1234", "freedom123", "liverpool1", "chelsea123",
	"arsenal123", "samsung123", "pokemon123", "minecraft1", "minecraft123",
	"secret1234", "mypassword", "mypassword1", "newpassword", "thisismypassword",
	"passwordpassword", "hello12345", "hellohello", "loveyou123", "forever123",
	"recovery123", "recoveryrosc", "rosc123456", "roscrosc12", "sobriety123",
	"sober12345", "soberlife1", "soberliving", "cleanandsober", "onedayatatime",
	"adgangskode", "adgangskode1", "adgangskode123", "kodeord123", "kodeord1234",
	"wachtwoord", "wachtwoord1", "wachtwoord123", "welkom1234", "welkom12345",
	"velkommen1", "velkommen123", "sommer2024", "sommer2025", "sommer2026",
	"zomer2024!", "zomer2025!", "zomer2026!", "summer2024", "summer2025",
	"summer2026", "winter2025", "winter2026", "spring2026", "autumn2026",
	"correcthorsebatterystaple",
};

static bool
is_common(const char *pw)
{
	size_t i;

	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (strcasecmp(pw, common[i]) == 0)
			return true;
	return false;
}

/* One character repeated, or a run up or down the alphabet or digits. */
static bool
is_obvious(const char *pw)
{
	size_t n = strlen(pw), i;
	bool same = true, up = true, down = true;

	for (i = 1; i < n; i++) {
		int d = tolower((unsigned char)pw[i]) - tolower((unsigned char)pw[i - 1]);

		same &= d == 0;
		up &= d == 1;
		down &= d == -1;
	}
	return same || up || down;
}

const char *
password_check(const char *pw, const char *username)
{
	size_t n;

	if (pw == NULL || *pw == '\0')
		return "required";
	n = strlen(pw);
	if (!utf8_valid(pw, n) || memchr(pw, '\0', n) != NULL)
		return "invalid_format";
	if (n > PASSWORD_MAX)
		return "too_long";
	if (utf8_count(pw, n) < PASSWORD_MIN)
		return "too_short";
	if (is_common(pw) || is_obvious(pw))
		return "common";
	if (username != NULL && *username != '\0' && strcasestr(pw, username) != NULL &&
	    strlen(username) * 2 >= n)
		return "common";
	return NULL;
}

int
password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	if (crypto_pwhash_str_alg(out, pw, strlen(pw), PASSWORD_OPSLIMIT,
	    PASSWORD_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return ERR_NOMEM;
	return 0;
}

bool
password_verify(const char *hash, const char *pw)
{
	if (hash == NULL || pw == NULL)
		return false;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

static char dummy[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
make_dummy(void)
{
	char pw[33];
	unsigned char raw[16];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(pw, sizeof(pw), raw, sizeof(raw));
	if (password_hash(pw, dummy) != 0)
		dummy[0] = '\0';
}

const char *
password_dummy_hash(void)
{
	pthread_once(&dummy_once, make_dummy);
	return dummy;
}
