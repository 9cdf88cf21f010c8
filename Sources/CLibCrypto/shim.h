#ifndef REVLOOP_CLIBCRYPTO_SHIM_H
#define REVLOOP_CLIBCRYPTO_SHIM_H
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#endif
