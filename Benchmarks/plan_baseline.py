"""The Python baseline for the plan benchmark: one export planned end to end on one core with the official SDKs.

Usage: plan_baseline.py EXPORT_DIR --as-of 2026-11-29T12:00:00Z [--out FILE] [--fx FILE] [--connector NAME]
                        [--crm-name NAME]
Single-threaded; pin it to one core with `taskset -c 0` as Scripts/bench-identity.sh does.

Reads pipelines.json, contacts.csv and click_ids.csv into dicts and streams deals.jsonl; hashes each contact's
identifiers once, as they are read; applies the three sample mappings (mappings/*.yaml, the project holdout of
revloop.yaml) against an empty ledger, so every fired event is a new upload; renders every request of the
`revloop plan --format wire` form, in batches (Data Manager 2,000, Meta 1,000, LinkedIn 5,000), as JSON lines
to --out (default /dev/null); and prints one JSON line: deals, seconds (reading to the last line written,
imports excluded), deals_per_second, events per platform and skips by reason (one count per fired event).

Pinned versions (`python3 -m venv /tmp/planvenv && /tmp/planvenv/bin/pip install facebook-business==26.0.3
google-ads-datamanager==0.9.4 google-ads-datamanager-util==0.4.0 phonenumbers==9.0.43`):
    facebook-business==26.0.3           Meta: serverside Event / UserData / CustomData, Normalize
    google-ads-datamanager==0.9.4       Google: datamanager_v1 IngestEventsRequest (proto-plus), newest on PyPI
    google-ads-datamanager-util==0.4.0  Google: Formatter (email, phone, names, region, postal code; SHA-256 hex)
    phonenumbers==9.0.43                E.164 for both Google and Meta
    (resolved with them: protobuf 7.36.2, proto-plus 1.29.0, pycountry 26.2.16; Python 3.11)
LinkedIn has no official SDK for Conversions API bodies: plain dicts and json.dumps.

Where /tmp/plan/semantics.md left room, this file chooses:
- skips are counted per fired event (trigger matched), in the spec's order: deleted, holdout (project, then
  mapping), no amount, no FX rate, window ("outside window" before as_of - window_days, "after as-of"), no
  contact, consent, no matchable identifier; a deal outside a mapping's pipelines is not a skip; the FX rates
  are looked up before the window check (so the order holds) but the arithmetic runs only for sent events;
- money is decimal: the amount in the deal currency's minor units, x probability rounded half-even to those
  units, then converted (amount x usd_per_unit[from] / usd_per_unit[to]) and rounded half-even again;
  a probability is taken as its shortest decimal (0.3 is 3/10); a mapping's probabilities override the file's;
- --fx FILE is a CSV date,currency,usd_per_unit; without it (or without a rate on or before the event's UTC day)
  a non-USD event is skipped "no FX rate";
- phones: a leading "00" read as "+" (as Revloop does: phonenumbers alone takes each region's own exit code,
  so "0055 11 ..." in BR became +11...), then phonenumbers.parse in the contact's country (else US), kept when
  is_possible_number (length, as Revloop's own rule), formatted E.164; Google hashes it with Formatter, Meta
  with Normalize ("ph": digits);
- Meta fields are Normalize.normalize_field (the SDK's rules, lower-case names, city and zip), a field the SDK
  refuses is left out; external_id is always present, so Meta never skips "no matchable identifier";
- fbclid, gclid and li_fat_id: the latest clicked at or before the event (ties: the larger value);
- LinkedIn SHA256_EMAIL: trimmed, lower-cased, refused with white space inside or not user@domain.tld (the
  Meta SDK, by contrast, accepts "zoe williams@gmail.com"; the baseline keeps the SDK's behaviour for Meta);
- Google address needs all four parts (given, family, the contact's own country, postal code);
- Meta lead_event_source is --crm-name (default "Revloop"); the connector name (dedup key, external_id)
  defaults to EXPORT_DIR's folder name ("sample");
- Data Manager's body is MessageToDict of the proto plus "validateOnly": false (proto3 drops a false bool).
"""
import argparse
import bisect
import csv
import hashlib
import json
import os
import re
import sys
import time
from datetime import date, datetime, timezone
from decimal import ROUND_HALF_EVEN, Decimal

import phonenumbers
from facebook_business.adobjects.serverside.action_source import ActionSource
from facebook_business.adobjects.serverside.custom_data import CustomData
from facebook_business.adobjects.serverside.event import Event as MetaEvent
from facebook_business.adobjects.serverside.normalize import Normalize
from facebook_business.adobjects.serverside.user_data import UserData as MetaUserData
from google.ads import datamanager_v1 as dm
from google.ads.datamanager_util import Encoding, Formatter
from google.protobuf import json_format
from google.protobuf.timestamp_pb2 import Timestamp

# The project (revloop.yaml) and its three mappings (mappings/*.yaml), as /tmp/plan/semantics.md states them.
HOLDOUT_SALT = "revloop-sample"
PROJECT_HOLDOUT = 0.05
MAPPINGS = [
    {"name": "google-closed-won", "platform": "google_data_manager", "key_platform": "google",
     "account": "1234567890", "target": "987654321", "trigger": "closed_won", "pipelines": None,
     "policy": "deal_amount", "currency": "USD", "window_days": 90, "unknown": "skip", "holdout": 0.0,
     "probabilities": {}},
    {"name": "meta-pipeline", "platform": "meta", "key_platform": "meta",
     "account": "act_1122334455", "target": "556677889900", "trigger": "every_stage", "pipelines": None,
     "policy": "stage_weighted", "currency": "USD", "window_days": 7, "unknown": "send", "holdout": 0.0,
     "probabilities": {}},
    {"name": "linkedin-qualified", "platform": "linkedin", "key_platform": "linkedin",
     "account": "urn:li:sponsoredAccount:507404993", "target": "12345678",
     "trigger": ("qualifiedtobuy", "1184102", "closedwon", "1184105"), "pipelines": ("default", "enterprise"),
     "policy": "stage_weighted", "currency": "USD", "window_days": 90, "unknown": "skip", "holdout": 0.1,
     "probabilities": {"qualifiedtobuy": 0.3, "1184102": 0.25, "closedwon": 1.0, "1184105": 1.0}},
]
BATCH = {"google_data_manager": 2000, "meta": 1000, "linkedin": 5000}
ZERO_DIGIT = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV",
              "XAF", "XOF", "XPF"}
THREE_DIGIT = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"}
DENIED = "consent denied (ad_user_data)"
UNKNOWN = "consent unknown (ad_user_data) and the mapping skips unknown consent"
REDACTED = "<redacted>"
JSON_HEADERS = {"Authorization": REDACTED, "Content-Type": "application/json"}
LINKEDIN_HEADERS = {"Authorization": REDACTED, "LinkedIn-Version": "202611", "X-Restli-Protocol-Version": "2.0.0",
                    "X-RestLi-Method": "BATCH_CREATE", "Content-Type": "application/json"}
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
EPOCH_DAY = date(1970, 1, 1).toordinal()
TWO64 = float(2 ** 64)
LINKEDIN_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
formatter = Formatter()


def digits(currency):
    return 0 if currency in ZERO_DIGIT else 3 if currency in THREE_DIGIT else 2


def millis(text):
    """RFC 3339 text to Unix milliseconds."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"timestamp without a zone: {text}")
    delta = moment - EPOCH
    return (delta.days * 86400 + delta.seconds) * 1000 + delta.microseconds // 1000


def sha256_hex(text):
    return hashlib.sha256(text.encode()).hexdigest()


def held_out(text, share):
    return share > 0 and int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big") / TWO64 < share


def consent_state(text):
    text = (text or "").strip().lower()
    if text in ("granted", "true", "yes", "1", "y"):
        return "granted"
    if text in ("denied", "false", "no", "0", "n"):
        return "denied"
    return "unknown"


def attempt(function, *arguments):
    """The SDK's result, or None where it refuses the value (ValueError or TypeError, as each SDK raises)."""
    try:
        return function(*arguments)
    except (ValueError, TypeError):
        return None


class Person:
    """One contact's hashed identifiers per platform, consent, and Meta's external_id."""
    __slots__ = ("ad_user_data", "ad_personalization", "ldu", "g_email", "g_phone", "g_address", "m_em", "m_ph",
                 "m_fn", "m_ln", "m_ct", "m_zp", "m_country", "m_external_id", "li_email")


def read_person(row, connector):
    person = Person()
    text = lambda name: (row.get(name) or "").strip()  # noqa: E731
    email, phone, first, last = text("email"), text("phone"), text("first_name"), text("last_name")
    country = text("country").upper()
    country = country if len(country) == 2 and country.isalpha() and country.isascii() else ""
    person.ad_user_data = consent_state(row.get("consent_ad_user_data"))
    person.ad_personalization = consent_state(row.get("consent_ad_personalization"))
    person.ldu = consent_state(row.get("limited_data_use")) == "granted"
    e164 = None
    if phone:
        try:
            # "00" starts an international number wherever it is written (Revloop's rule); phonenumbers
            # alone reads it with the region's own exit code (011 in the US, 010 in Japan) and places it wrong.
            spelled = "+" + phone[2:] if phone.startswith("00") else phone
            number = phonenumbers.parse(spelled, country or "US")
            if phonenumbers.is_possible_number(number):
                e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            pass
    # Google (Data Manager): Formatter's rules, SHA-256, hex.
    person.g_email = attempt(formatter.process_email_address, email, Encoding.HEX) if email else None
    person.g_phone = attempt(formatter.process_phone_number, e164, Encoding.HEX) if e164 else None
    address = None
    postal = text("postal_code")
    if first and last and country and postal:
        given = attempt(formatter.process_given_name, first, Encoding.HEX)
        family = attempt(formatter.process_family_name, last, Encoding.HEX)
        region = attempt(formatter.process_region_code, country)
        postal_code = attempt(formatter.process_postal_code, postal)
        if given and family and region and postal_code:
            address = (given, family, region, postal_code)
    person.g_address = address
    # Meta: the SDK's Normalize (normalizes, then SHA-256 hex); what it refuses is left out.
    field = Normalize.normalize_field
    person.m_em = attempt(field, "em", email) if email else None
    person.m_ph = attempt(field, "ph", e164) if e164 else None
    person.m_fn = attempt(field, "fn", first) if first else None
    person.m_ln = attempt(field, "ln", last) if last else None
    city = text("city")
    person.m_ct = attempt(field, "ct", city) if city else None
    person.m_zp = attempt(field, "zp", postal) if postal else None
    person.m_country = attempt(field, "country", country) if country else None
    person.m_external_id = sha256_hex(f"crm:{connector}:{row['contact_id']}")
    # LinkedIn (no SDK): trimmed and lower-cased; refused with white space inside or without user@domain.tld.
    lowered = email.lower()
    person.li_email = sha256_hex(lowered) if lowered and LINKEDIN_EMAIL.fullmatch(lowered) else None
    return person


def latest(clicks, kinds, at):
    """The (clicked_at, value, kind) of the latest click of one of `kinds` at or before `at`, or None."""
    best = None
    for kind in kinds:
        for click in clicks.get(kind, ()):
            if click[0] <= at and (best is None or click[:2] > best[:2]):
                best = (click[0], click[1], kind)
    return best


class FX:
    """usd_per_unit by currency and UTC day (days since 1970-01-01): the latest rate on or before the day."""

    def __init__(self, path):
        self.days, self.rates = {}, {}
        if path:
            rows = {}
            with open(path, newline="", encoding="utf-8") as handle:
                for row in csv.DictReader(line for line in handle if not line.startswith("#")):
                    rows.setdefault(row["currency"].strip().upper(), []).append(
                        (date.fromisoformat(row["date"].strip()[:10]).toordinal() - EPOCH_DAY,
                         Decimal(row["usd_per_unit"].strip())))
            for currency, entries in rows.items():
                entries.sort()
                self.days[currency] = [entry[0] for entry in entries]
                self.rates[currency] = [entry[1] for entry in entries]

    def usd_per_unit(self, currency, day):
        if currency == "USD":
            return Decimal(1)
        days = self.days.get(currency)
        if not days:
            return None
        index = bisect.bisect_right(days, day) - 1
        return self.rates[currency][index] if index >= 0 else None


def fx_rates(source, target, at_ms, fx):
    """(usd_per_unit of source, of target) on the event's UTC day, or None: looked up before the window is
    checked, so an event lacking both counts as "no FX rate" (the spec's order), without its arithmetic."""
    if source == target:
        return True
    day = at_ms // 86_400_000
    source_rate, target_rate = fx.usd_per_unit(source, day), fx.usd_per_unit(target, day)
    return None if source_rate is None or target_rate is None else (source_rate, target_rate)


def value_minor(amount, source, target, probability, rates):
    """The event's value in `target` minor units: weighted and rounded in the deal's currency, then converted."""
    if probability is not None:
        amount = int((Decimal(amount) * Decimal(repr(probability))).to_integral_value(ROUND_HALF_EVEN))
    if rates is True:
        return amount
    source_rate, target_rate = rates
    scaled = Decimal(amount).scaleb(digits(target) - digits(source)) * source_rate / target_rate
    return int(scaled.to_integral_value(ROUND_HALF_EVEN))


def major(minor, currency):
    return minor / 10 ** digits(currency)


def decimal_text(minor, currency):
    places = digits(currency)
    sign = "-" if minor < 0 else ""
    whole, fraction = divmod(abs(minor), 10 ** places)
    return f"{sign}{whole}.{fraction:0{places}d}" if places else f"{sign}{whole}"


CONSENT_STATUS = {"granted": dm.ConsentStatus.CONSENT_GRANTED, "denied": dm.ConsentStatus.CONSENT_DENIED,
                  "unknown": dm.ConsentStatus.CONSENT_STATUS_UNSPECIFIED}


def google_event(mapping, key, at_ms, value, person, clicks):
    ad = {}
    click = latest(clicks, ("gclid",), at_ms) or latest(clicks, ("gbraid", "wbraid"), at_ms)
    if click:
        ad[click[2]] = click[1]
    identifiers = []
    if person.g_email:
        identifiers.append(dm.UserIdentifier(email_address=person.g_email))
    if person.g_phone:
        identifiers.append(dm.UserIdentifier(phone_number=person.g_phone))
    if person.g_address:
        given, family, region, postal = person.g_address
        identifiers.append(dm.UserIdentifier(address=dm.AddressInfo(
            given_name=given, family_name=family, region_code=region, postal_code=postal)))
    if not ad and not identifiers:
        return None
    event = dm.Event(
        transaction_id=key,
        event_timestamp=Timestamp(seconds=at_ms // 1000, nanos=at_ms % 1000 * 1_000_000),
        consent=dm.Consent(ad_user_data=CONSENT_STATUS[person.ad_user_data],
                           ad_personalization=CONSENT_STATUS[person.ad_personalization]),
        currency=mapping["currency"], conversion_value=major(value, mapping["currency"]))
    if ad:
        event.ad_identifiers = dm.AdIdentifiers(**ad)
    if identifiers:
        event.user_data = dm.UserData(user_identifiers=identifiers)
    return event


def meta_event(mapping, key, at_ms, value, person, clicks, label, crm_name):
    fields = {}
    for name, attribute in (("emails", "m_em"), ("phones", "m_ph"), ("first_names", "m_fn"),
                            ("last_names", "m_ln"), ("cities", "m_ct"), ("zip_codes", "m_zp"),
                            ("country_codes", "m_country"), ("external_ids", "m_external_id")):
        hashed = getattr(person, attribute)
        if hashed:
            fields[name] = [hashed]
    click = latest(clicks, ("fbclid",), at_ms)
    if click:
        fields["fbc"] = click[1] if click[1].startswith("fb.1.") else f"fb.1.{click[0]}.{click[1]}"
    if not fields:
        return None
    event = MetaEvent(
        event_name=label, event_time=at_ms // 1000, event_id=key, action_source=ActionSource.SYSTEM_GENERATED,
        user_data=MetaUserData(**fields),
        custom_data=CustomData(value=major(value, mapping["currency"]), currency=mapping["currency"].lower(),
                               custom_properties={"event_source": "crm", "lead_event_source": crm_name}))
    if person.ldu:
        event.data_processing_options = ["LDU"]
        event.data_processing_options_country = 0
        event.data_processing_options_state = 0
    return event


def linkedin_event(mapping, key, at_ms, value, person, clicks):
    ids = []
    if person.li_email:
        ids.append({"idType": "SHA256_EMAIL", "idValue": person.li_email})
    click = latest(clicks, ("li_fat_id",), at_ms)
    if click:
        uuid = click[1].strip().lower()
        groups = uuid.split("-")
        if [len(group) for group in groups] == [8, 4, 4, 4, 12] and all(
                character in "0123456789abcdef" for group in groups for character in group):
            ids.append({"idType": "LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID", "idValue": uuid})
    if not ids:
        return None
    return {"conversion": f"urn:lla:llaPartnerConversion:{mapping['target']}", "conversionHappenedAt": at_ms,
            "conversionValue": {"currencyCode": mapping["currency"],
                                "amount": decimal_text(value, mapping["currency"])},
            "eventId": key, "user": {"userIds": ids}}


class Writer:
    """Batches events per platform and writes each full batch as one wire line."""

    def __init__(self, out):
        self.out = out
        self.pending = {platform: [] for platform in BATCH}
        self.counts = {platform: 0 for platform in BATCH}
        self.google_destinations = {}

    def add(self, platform, mapping, event):
        batch = self.pending[platform]
        batch.append((mapping["name"], event))
        self.counts[platform] += 1
        if len(batch) >= BATCH[platform]:
            self.flush(platform)

    def flush(self, platform):
        batch = self.pending[platform]
        # One request per target (a batch from two mappings of one platform splits by target).
        groups = {}
        for name, event in batch:
            groups.setdefault(name, []).append(event)
        for name, events in groups.items():
            mapping = next(m for m in MAPPINGS if m["name"] == name)
            getattr(self, platform)(mapping, events)
        batch.clear()

    def write(self, platform, url, headers, body):
        self.out.write(json.dumps({"platform": platform, "method": "POST", "url": url, "headers": headers,
                                   "body": body}, separators=(",", ":")) + "\n")

    def google_data_manager(self, mapping, events):
        destination = dm.Destination(
            operating_account=dm.ProductAccount(account_type=dm.ProductAccount.AccountType.GOOGLE_ADS,
                                                account_id=mapping["account"]),
            product_destination_id=mapping["target"])
        request = dm.IngestEventsRequest(destinations=[destination], events=events, encoding=dm.Encoding.HEX,
                                         validate_only=False)
        body = json_format.MessageToDict(dm.IngestEventsRequest.pb(request))
        body["validateOnly"] = False
        self.write("google_data_manager", "https://datamanager.googleapis.com/v1/events:ingest", JSON_HEADERS, body)

    def meta(self, mapping, events):
        body = {"data": [event.normalize() for event in events]}
        self.write("meta", f"https://graph.facebook.com/v26.0/{mapping['target']}/events", JSON_HEADERS, body)

    def linkedin(self, mapping, events):
        self.write("linkedin", "https://api.linkedin.com/rest/conversionEvents", LINKEDIN_HEADERS,
                   {"elements": events})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("export_dir")
    parser.add_argument("--as-of", required=True, help="RFC 3339, such as 2026-11-29T12:00:00Z")
    parser.add_argument("--out", default=os.devnull)
    parser.add_argument("--fx", help="CSV with columns date,currency,usd_per_unit")
    parser.add_argument("--connector", help="connector name (default: EXPORT_DIR's folder name)")
    parser.add_argument("--crm-name", default="Revloop", help="Meta custom_data.lead_event_source")
    parser.add_argument("--default-currency", default="USD")
    arguments = parser.parse_args()
    folder = arguments.export_dir
    connector = arguments.connector or os.path.basename(os.path.normpath(folder))
    as_of = millis(arguments.as_of.replace("Z", "+00:00"))

    start = time.perf_counter()
    fx = FX(arguments.fx)
    with open(os.path.join(folder, "pipelines.json"), encoding="utf-8") as handle:
        pipelines = {pipeline["id"]: {stage["id"]: stage for stage in pipeline["stages"]}
                     for pipeline in json.load(handle)}
    with open(os.path.join(folder, "contacts.csv"), newline="", encoding="utf-8") as handle:
        people = {row["contact_id"]: read_person(row, connector) for row in csv.DictReader(handle)}
    clicks_by_contact = {}
    with open(os.path.join(folder, "click_ids.csv"), newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            value = (row["value"] or "").strip()
            if value and row["clicked_at"]:
                clicks_by_contact.setdefault(row["contact_id"], {}).setdefault(row["kind"].strip(), []).append(
                    (millis(row["clicked_at"].replace("Z", "+00:00")), value))
    no_clicks = {}

    skips = {}

    def skip(reason, count=1):
        skips[reason] = skips.get(reason, 0) + count

    deals = 0
    with open(arguments.out, "w", encoding="utf-8") as out, \
            open(os.path.join(folder, "deals.jsonl"), encoding="utf-8") as lines:
        writer = Writer(out)
        for line in lines:
            if not line.strip():
                continue
            deal = json.loads(line)
            deals += 1
            deal_id = deal["deal_id"]
            pipeline_id = deal.get("pipeline_id")
            stages = pipelines.get(pipeline_id, {})
            history = [(entry["stage_id"], entry["entered_at"]) for entry in deal.get("stage_history") or ()]
            deleted = bool(deal.get("is_deleted"))
            project_held = held_out(f"{HOLDOUT_SALT}:{deal_id}", PROJECT_HOLDOUT)
            currency = (deal.get("currency") or arguments.default_currency).strip().upper()
            amount_text = (deal.get("amount") or "").strip()
            amount = int(Decimal(amount_text).scaleb(digits(currency))) if amount_text else None
            contact_id = next((c for c in deal.get("contact_ids") or () if c in people), None)
            person = people[contact_id] if contact_id else None
            clicks = clicks_by_contact.get(contact_id, no_clicks)
            for mapping in MAPPINGS:
                if mapping["pipelines"] and pipeline_id not in mapping["pipelines"]:
                    continue
                trigger = mapping["trigger"]
                fired, seen = [], set()
                for stage_id, entered_at in history:
                    if stage_id in seen:
                        continue
                    if trigger == "every_stage":
                        matches = True
                    elif trigger == "closed_won":
                        matches = bool(stages.get(stage_id, {}).get("is_won"))
                    else:
                        matches = stage_id in trigger
                    if matches:
                        seen.add(stage_id)
                        fired.append((stage_id, entered_at))
                if not fired:
                    continue
                if deleted:
                    skip("deleted", len(fired))
                    continue
                if project_held:
                    skip("holdout (project)", len(fired))
                    continue
                if held_out(f"{HOLDOUT_SALT}:{mapping['name']}:{deal_id}", mapping["holdout"]):
                    skip("holdout (mapping)", len(fired))
                    continue
                platform = mapping["platform"]
                window_start = as_of - (mapping["window_days"] or 90) * 86_400_000
                for stage_id, entered_at in fired:
                    if amount is None:
                        skip("no amount")
                        continue
                    at_ms = millis(entered_at.replace("Z", "+00:00"))
                    probability = None
                    if mapping["policy"] == "stage_weighted":
                        probability = mapping["probabilities"].get(stage_id)
                        if probability is None:
                            probability = stages.get(stage_id, {}).get("probability")
                        if probability is None:
                            skip("no stage probability")
                            continue
                    rates = fx_rates(currency, mapping["currency"], at_ms, fx)
                    if rates is None:
                        skip("no FX rate")
                        continue
                    if at_ms < window_start:
                        skip("outside window")
                        continue
                    if at_ms > as_of:
                        skip("after as-of")
                        continue
                    if person is None:
                        skip("no contact")
                        continue
                    if person.ad_user_data == "denied":
                        skip(DENIED)
                        continue
                    if person.ad_user_data == "unknown" and mapping["unknown"] == "skip":
                        skip(UNKNOWN)
                        continue
                    value = value_minor(amount, currency, mapping["currency"], probability, rates)
                    key = "rl1-" + sha256_hex(f"{mapping['key_platform']}|{mapping['account']}|{mapping['target']}"
                                              f"|{connector}|{deal_id}|{stage_id}")[:32]
                    if platform == "google_data_manager":
                        event = google_event(mapping, key, at_ms, value, person, clicks)
                    elif platform == "meta":
                        label = stages.get(stage_id, {}).get("label") or stage_id
                        event = meta_event(mapping, key, at_ms, value, person, clicks, label, arguments.crm_name)
                    else:
                        event = linkedin_event(mapping, key, at_ms, value, person, clicks)
                    if event is None:
                        skip("no matchable identifier")
                        continue
                    writer.add(platform, mapping, event)
        for platform in BATCH:
            if writer.pending[platform]:
                writer.flush(platform)
    seconds = time.perf_counter() - start
    print(json.dumps({"deals": deals, "seconds": round(seconds, 3),
                      "deals_per_second": round(deals / seconds, 1) if seconds else None,
                      "events": writer.counts, "skips": dict(sorted(skips.items()))}))


if __name__ == "__main__":
    sys.exit(main())
