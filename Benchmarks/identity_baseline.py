"""The Python baseline for Scripts/bench-identity.sh: Google's normalization and hashlib's SHA-256, per line.

Emails follow google-ads-datamanager-util's format_email_address; phones become E.164 for the US
(strip to digits, drop a leading 1 from 11 digits, prefix +1), the simplest correct rule for this input.
"""
import hashlib
import sys

kind = sys.argv[1]
out = sys.stdout
write = out.write
sha256 = hashlib.sha256
for line in sys.stdin:
    value = line.strip()
    if kind == "email":
        value = value.lower()
        user, _, domain = value.partition("@")
        if domain in ("gmail.com", "googlemail.com"):
            user = user.split("+", 1)[0].replace(".", "")
        normalized = f"{user}@{domain}"
    else:
        digits = "".join(c for c in value if c.isdigit())
        if len(digits) == 11 and digits[0] == "1":
            digits = digits[1:]
        normalized = "+1" + digits
    write(f"{normalized}\t{sha256(normalized.encode()).hexdigest()}\n")
