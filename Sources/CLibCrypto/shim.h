#ifndef REVLOOP_CLIBCRYPTO_SHIM_H
#define REVLOOP_CLIBCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/sha.h>
#endif
