/* TOTP codes with liboath, and recovery codes. See core/totp.h. */
#include "core/totp.h"

#include <ctype.h>
#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
init_oath(void)
{
	if (oath_init() != OATH_OK) {
		fprintf(stderr, "rosc: liboath would not start\n");
		abort();
	}
}

void
totp_secret_new(unsigned char secret[TOTP_SECRET_LEN])
{
	randombytes_buf(secret, TOTP_SECRET_LEN);
}

void
totp_base32(const unsigned char secret[TOTP_SECRET_LEN], char out[TOTP_BASE32_LEN + 1])
{
	char *b = NULL;
	size_t n = 0;

	pthread_once(&once, init_oath);
	if (oath_base32_encode((const char *)secret, TOTP_SECRET_LEN, &b, &n) != OATH_OK ||
	    n < TOTP_BASE32_LEN) {
		fprintf(stderr, "rosc: out of memory\n");
		abort();
	}
	memcpy(out, b, TOTP_BASE32_LEN);   /* 160 bits: no padding to drop */
	out[TOTP_BASE32_LEN] = '\0';
	free(b);
}

int
totp_from_base32(const char *b32, unsigned char secret[TOTP_SECRET_LEN])
{
	char *b = NULL;
	size_t n = 0;
	int rc = -1;

	pthread_once(&once, init_oath);
	if (strlen(b32) > 4 * TOTP_BASE32_LEN)
		return -1;
	if (oath_base32_decode(b32, strlen(b32), &b, &n) == OATH_OK && n == TOTP_SECRET_LEN) {
		memcpy(secret, b, TOTP_SECRET_LEN);
		rc = 0;
	}
	if (b != NULL) {
		sodium_memzero(b, n);
		free(b);
	}
	return rc;
}

void
totp_grouped(const char *b32, char *out, size_t size)
{
	size_t i, o = 0;

	for (i = 0; b32[i] != '\0' && o + 2 < size; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = ' ';
		out[o++] = b32[i];
	}
	out[o] = '\0';
}

bool
totp_code_shape(const char *s, char digits[TOTP_DIGITS + 1])
{
	size_t n = 0, i;

	for (i = 0; s[i] != '\0'; i++) {
		if (i > 16)
			return false;
		if (s[i] == ' ')
			continue;
		if (s[i] < '0' || s[i] > '9' || n == TOTP_DIGITS)
			return false;
		digits[n++] = s[i];
	}
	digits[n] = '\0';
	return n == TOTP_DIGITS;
}

enum totp_result
totp_check(const unsigned char secret[TOTP_SECRET_LEN], int64_t now_s, int64_t last_step,
    const char *code, int64_t *step)
{
	char digits[TOTP_DIGITS + 1];
	uint64_t counter = 0;
	int pos = 0, rc;

	pthread_once(&once, init_oath);
	if (!totp_code_shape(code, digits))
		return TOTP_WRONG;
	rc = oath_totp_validate3((const char *)secret, TOTP_SECRET_LEN, (time_t)now_s,
	    TOTP_STEP_S, 0, TOTP_WINDOW, &pos, &counter, digits);
	if (rc < 0)
		return TOTP_WRONG;
	if ((int64_t)counter <= last_step)
		return TOTP_REPLAYED;
	*step = (int64_t)counter;
	return TOTP_OK;
}

void
totp_code_at(const unsigned char secret[TOTP_SECRET_LEN], int64_t now_s,
    char out[TOTP_DIGITS + 1])
{
	pthread_once(&once, init_oath);
	if (oath_totp_generate((const char *)secret, TOTP_SECRET_LEN, (time_t)now_s,
	    TOTP_STEP_S, 0, TOTP_DIGITS, out) != OATH_OK)
		out[0] = '\0';
}

/* 31 letters and digits, without the look-alikes 0/o and 1/l/i: ten of
 * them carry about 49 random bits, drawn without bias. */
static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";

void
recovery_code_new(char out[RECOVERY_CODE_LEN + 1])
{
	size_t i, o = 0;

	for (i = 0; i < 10; i++) {
		if (i == 5)
			out[o++] = '-';
		out[o++] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	}
	out[o] = '\0';
}

bool
recovery_code_normal(const char *typed, char out[RECOVERY_CODE_LEN])
{
	size_t n = 0, i;

	for (i = 0; typed[i] != '\0'; i++) {
		unsigned char ch = (unsigned char)typed[i];

		if (i > 40)
			return false;
		if (ch == ' ' || ch == '-')
			continue;
		ch = (unsigned char)tolower(ch);
		if (strchr(alphabet, ch) == NULL || ch == '\0' || n == 10)
			return false;
		out[n++] = (char)ch;
	}
	out[n] = '\0';
	return n == 10;
}
