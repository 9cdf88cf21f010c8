"""Compares `revloop identity hash` with the official libraries over a generated corpus.

Usage: identity_conformance.py PATH_TO_REVLOOP
"""
import hashlib
import random
import subprocess
import sys
from collections import defaultdict

import phonenumbers
from facebook_business.adobjects.serverside.normalize import Normalize
from google.ads.datamanager_util.format import Formatter

REVLOOP = sys.argv[1]
rng = random.Random(20261129)
google = Formatter()

# Regions Revloop places national numbers for (Sources/RevloopIdentity/Normalization/PhoneNumberPlan+Table.swift).
REGIONS = (
    "US CA GB IE DE FR ES IT NL BE AT CH SE NO DK FI PL CZ PT GR AU NZ JP KR IN SG HK ZA BR MX IL AE TR RO "
    "HU SK HR EE PH MY TH ID VN CL PE"
).split()

FIRST = ["Jane", "José", "Zoë", "Chloé", "Siobhán", "Björn", "Łukasz", "François", "Niccolò", "Jürgen", "Åsa",
         "Wei Ling", "Anne-Marie", "D'Arcy", "  Mary ", "ÉLODIE", "Þór", "Ørjan", "Ştefan", "Nguyễn", "MacKenzie"]
LAST = ["O'Brien", "Müller", "Núñez", "García-López", "van den Berg", "Smith Jr.", "Ó Briain", "Wiśniewska",
        "Côté", "Weiß", "Øster", "St. John", " Lee ", "DUPONT", "Schröder"]
CITIES = ["San Francisco", "New York", "Montréal", "São Paulo", "St. Louis", "Zürich", "Köln", "Winston-Salem",
          "Ciudad de México", "Saint-Étienne", "Frankfurt (Oder)", "Washington, D.C.", "Port-au-Prince", "Kraków"]
STATES = ["CA", "ca.", "N.Y.", "Île-de-France", "Bayern", "QC", "New South Wales", "São Paulo", "TX"]
ZIPS = ["94105", "94025-1234", "SW1A 1AA", "H2X 1Y4", "10115", "00-001", "1012 JS", " 75002 ", "100-0005"]
COUNTRIES = ["US", "us", " gb ", "De", "FR.", "XX", "United States", "jp", "B R"]
DOMAINS = ["gmail.com", "googlemail.com", "acme.example", "Example.COM", "outlook.com", "web.de", "yahoo.co.uk"]


def emails(count):
    values = []
    for index in range(count):
        first = rng.choice(["jane", "jose", "zoe", "john_smith", "anne-marie", "o.brien", "user.name", "j"])
        last = rng.choice(["doe", "smith", "lee", "garcia", "m"])
        local = rng.choice([f"{first}.{last}", f"{first}{last}{index}", f"{first}.{last}+crm{index % 7}",
                            f"{first}+{last}", f"{first}.{last}.{index}"])
        address = f"{local}@{rng.choice(DOMAINS)}"
        style = rng.random()
        if style < 0.2:
            address = address.upper()
        elif style < 0.4:
            address = address[:1].upper() + address[1:]
        if rng.random() < 0.15:
            address = f"  {address} "
        values.append(address)
    values += ["n/a", "jane@", "@example.com", "jane doe@gmail.com", "a@b@c.com", "jane@localhost", ".@gmail.com",
               "+tag@gmail.com", "JANE.DOE+X@GOOGLEMAIL.COM", "\tjane@example.com\t",
               "d6117306485ed0e50afab3ac871e98f81699151f30281527d63ff5f233656c69"]
    return values


def phones(per_region):
    """(raw, region, expected E.164 or None) for numbers libphonenumber knows to be valid."""
    values = []
    kinds = [phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE]
    formats = [phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.INTERNATIONAL,
               phonenumbers.PhoneNumberFormat.E164]
    for region in REGIONS:
        made = 0
        attempts = 0
        while made < per_region and attempts < per_region * 40:
            attempts += 1
            example = phonenumbers.example_number_for_type(region, rng.choice(kinds))
            if example is None:
                continue
            national = str(example.national_number)
            digits = list(national)
            for position in range(max(1, len(digits) - 4), len(digits)):
                digits[position] = str(rng.randrange(10))
            number = phonenumbers.PhoneNumber(country_code=example.country_code, national_number=int("".join(digits)),
                                              italian_leading_zero=example.italian_leading_zero,
                                              number_of_leading_zeros=example.number_of_leading_zeros)
            if not phonenumbers.is_valid_number(number):
                continue
            expected = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            raw = phonenumbers.format_number(number, rng.choice(formats))
            if rng.random() < 0.2:
                raw = raw.replace(" ", rng.choice(["-", ".", ""]))
            if raw.startswith("+") and rng.random() < 0.15:
                raw = "00" + raw[1:]
            values.append((raw, region, expected))
            made += 1
    return values


def revloop(platform, kind, values, region=None):
    command = [REVLOOP, "identity", "hash", "--platform", platform, "--kind", kind]
    if region:
        command += ["--region", region]
    result = subprocess.run(command, input="\n".join(values) + "\n", capture_output=True, text=True, check=True)
    lines = result.stdout.split("\n")[: len(values)]
    return [None if line.startswith("error: ") else tuple(line.split("\t")) for line in lines]


def meta_reference(field, value):
    try:
        return Normalize.normalize_field(field, value)
    except (TypeError, ValueError):
        return None


def google_reference(method, value):
    try:
        return hashlib.sha256(getattr(google, method)(value).encode()).hexdigest()
    except ValueError:
        return None


failures = []
divergences = defaultdict(int)
agreements = defaultdict(int)


def compare(label, value, ours, reference, divergence=None):
    if ours == reference:
        agreements[label] += 1
    elif divergence:
        divergences[f"{label}: {divergence}"] += 1
    else:
        failures.append(f"{label}: {value!r}: revloop {ours} reference {reference}")


def main():
    email_values = emails(900)
    names = [rng.choice(FIRST) for _ in range(250)] + [rng.choice(LAST) for _ in range(250)]
    corpus_size = len(email_values) + len(names) + len(CITIES) + len(STATES) + len(ZIPS) + len(COUNTRIES)

    # Meta: facebook-business's Normalize, field by field.
    for kind, field, values in [("email", "em", email_values), ("first_name", "fn", names),
                                ("city", "ct", CITIES), ("state", "st", STATES), ("zip", "zp", ZIPS),
                                ("country", "country", COUNTRIES)]:
        for value, ours in zip(values, revloop("meta", kind, values)):
            reference = meta_reference(field, value)
            divergence = None
            if kind == "email" and reference is not None and any(c.isspace() for c in value.strip()):
                divergence = "the SDK hashes an address with white space inside; Revloop refuses it"
            compare(f"meta {kind}", value, ours[1] if ours else None, reference, divergence)

    # Google: the Data Manager formatter.
    for kind, method, values in [("email", "format_email_address", email_values),
                                 ("first_name", "format_given_name", names),
                                 ("city", "format_city", CITIES), ("state", "format_administrative_area", STATES),
                                 ("zip", "format_postal_code", ZIPS)]:
        for value, ours in zip(values, revloop("google", kind, values)):
            reference = google_reference(method, value)
            if ours and ours[0] == value.strip() and ours[1] == value.strip() and len(value.strip()) == 64:
                # A value that already is a SHA-256 passes through; the formatter would hash it again.
                divergences[f"google {kind}: an input that is already a SHA-256 passes through unhashed"] += 1
                continue
            compare(f"google {kind}", value, ours[1] if ours else None, reference)

    # Phones: E.164 against libphonenumber; Meta's and Google's formatting of that E.164 against the SDKs.
    phone_values = phones(per_region=50)
    corpus_size += len(phone_values)
    by_region = defaultdict(list)
    for raw, region, expected in phone_values:
        by_region[region].append((raw, expected))
    for region, items in sorted(by_region.items()):
        raws = [raw for raw, _ in items]
        for (raw, expected), ours, meta_ours in zip(items, revloop("google", "phone", raws, region),
                                                    revloop("meta", "phone", raws, region)):
            compare("phone E.164 (phonenumbers)", f"{raw} [{region}]", ours[0] if ours else None, expected)
            google_formatted = google_reference("format_phone_number", raw)
            international = raw.startswith("+")
            compare("google phone (formatter)", f"{raw} [{region}]", ours[1] if ours else None, google_formatted,
                    None if international else "the formatter keeps a national number without its country code")
            meta_sdk = meta_reference("ph", raw)
            expected_meta = hashlib.sha256(expected[1:].encode()).hexdigest()
            compare("meta phone (E.164 digits)", f"{raw} [{region}]", meta_ours[1] if meta_ours else None, expected_meta)
            divergence = None
            if not international:
                divergence = "the SDK hashes a national number (or 00-prefixed) without placing its country code"
            elif meta_sdk is None and "." in raw:
                divergence = "the SDK rejects a number punctuated with dots (it removes only spaces, - and brackets)"
            compare("meta phone (SDK)", f"{raw} [{region}]", meta_ours[1] if meta_ours else None, meta_sdk, divergence)

    regions = len(by_region)
    print(f"identity conformance: {corpus_size} inputs ({len(phone_values)} phones from {regions} regions)")
    for label, count in sorted(agreements.items()):
        print(f"  agree     {count:5}  {label}")
    for label, count in sorted(divergences.items()):
        print(f"  diverge   {count:5}  {label} (documented reference behaviour)")
    for failure in failures[:40]:
        print(f"  FAIL      {failure}")
    if failures:
        print(f"identity conformance: {len(failures)} disagreements")
        sys.exit(1)
    print("identity conformance: 100% agreement where the reference is right")


main()
