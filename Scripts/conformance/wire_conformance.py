"""Checks `revloop plan --format wire` output against the platforms' official request types and documented rules.

Usage:
  wire_conformance.py WIRE.jsonl [--now ISO8601]
  wire_conformance.py --self-test

Each line of WIRE.jsonl is one HTTP request: {"platform", "method", "url", "headers", "body"}.
- google_data_manager: the body is parsed into the Data Manager IngestEventsRequest proto (google-ads-datamanager).
- google_ads: the body is parsed into the v26 UploadClickConversionsRequest or UploadConversionAdjustmentsRequest
  proto (google-ads), chosen by the URL's method suffix.
- meta, linkedin: no official request schema exists, so the body is validated against JSON Schemas (draft 2020-12)
  written from /work/shared/specs/ad-platforms.md sections 2 and 3.
Each platform then gets the extra checks that a schema cannot express (formats, limits, windows, dedup keys).

Problems are printed as `line N (platform) event I: message`. Identifier values and secrets are never printed.
Exits 1 when any problem is found or the file has no lines.
"""
import copy
import hashlib
import json
import math
import os
import re
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

import jsonschema
from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor

from google.ads.datamanager_v1.types.ingestion_service import IngestEventsRequest
from google.ads.datamanager_v1.types.event import Event as DMEvent
from google.ads.googleads.v26.services.types.conversion_upload_service import (
    ClickConversion,
    UploadClickConversionsRequest,
)
from google.ads.googleads.v26.services.types.conversion_adjustment_upload_service import (
    ConversionAdjustment,
    UploadConversionAdjustmentsRequest,
)

# ---------------------------------------------------------------------------------------------------------------
# Shared rules

HEX64 = re.compile(r"^[0-9a-f]{64}$")
DEDUP_KEY = re.compile(r"^rl1-[0-9a-f]{32}$")  # semantics.md: "rl1-" + first 32 hex of SHA-256(...)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$")
GADS_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
CURRENCY_UPPER = re.compile(r"^[A-Z]{3}$")
DIGITS = re.compile(r"^\d+$")
FBC = re.compile(r"^fb\.1\.\d{13}\..+$")
LI_VERSION = re.compile(r"^\d{6}$")
LI_AMOUNT = re.compile(r"^-?\d+(\.\d+)?$")
LI_CONVERSION = re.compile(r"^urn:lla:llaPartnerConversion:\d+$")

REDACTED = "<redacted>"
# Headers whose value is a credential: they must print as "<redacted>".
SECRET_HEADERS = {"authorization", "developer-token", "x-goog-api-key", "x-api-key", "cookie", "proxy-authorization"}
# Things that look like a credential wherever they appear in a header value.
SECRET_LOOKALIKE = re.compile(r"(?i)\bbearer\s+\S|ya29\.|\bEAA[A-Za-z0-9]{20,}|\bAQ[A-Za-z0-9_-]{40,}")

URLS = {
    "google_data_manager": re.compile(r"^https://datamanager\.googleapis\.com/v1/events:ingest$"),
    "google_ads": re.compile(
        r"^https://googleads\.googleapis\.com/v26/customers/(\d+):(uploadClickConversions|uploadConversionAdjustments)$"),
    "meta": re.compile(r"^https://graph\.facebook\.com/v\d+\.\d+/\d+/events$"),
    "linkedin": re.compile(r"^https://api\.linkedin\.com/rest/conversionEvents$"),
}
BATCH_LIMITS = {"google_data_manager": 2000, "google_ads": 2000, "meta": 1000, "linkedin": 5000}
FUTURE_SLACK = timedelta(minutes=5)
META_WINDOW = timedelta(days=7)
LINKEDIN_WINDOW = timedelta(days=90)

# Keys whose values are personal identifiers (hashed or not) or click IDs: their values are redacted from any
# message that could quote them (protobuf ParseError text).
SENSITIVE_KEYS = {
    "emailAddress", "phoneNumber", "givenName", "familyName", "postalCode", "addressLine", "city",
    "administrativeArea", "gclid", "gbraid", "wbraid", "hashedEmail", "hashedPhoneNumber", "userId", "clientId",
    "em", "ph", "fn", "ln", "ct", "st", "zp", "country", "db", "ge", "external_id", "fbc", "fbp", "lead_id",
    "client_ip_address", "client_user_agent", "idValue", "firstName", "lastName", "title", "companyName",
    "externalIds", "lead", "ipAddress", "userAgent", "mobileDeviceId",
}
LONG_HEX = re.compile(r"[0-9a-fA-F]{32,}")
EMAILISH = re.compile(r"[^\s'\"@]+@[^\s'\"@]+\.[A-Za-z]{2,}")


def sensitive_values(node, key=None, out=None):
    out = set() if out is None else out
    if isinstance(node, dict):
        for k, v in node.items():
            sensitive_values(v, k, out)
    elif isinstance(node, list):
        for v in node:
            sensitive_values(v, key, out)
    elif key in SENSITIVE_KEYS and not isinstance(node, bool) and node is not None:
        text = str(node)
        if len(text) >= 3:
            out.add(text)
    return out


def scrub(message, body):
    """Removes identifier values from a message produced by a library that may quote its input."""
    for value in sorted(sensitive_values(body), key=len, reverse=True):
        message = message.replace(value, REDACTED)
    message = LONG_HEX.sub(REDACTED, message)
    message = EMAILISH.sub(REDACTED, message)
    message = " ".join(message.split())
    return message if len(message) <= 400 else message[:397] + "..."


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value):
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and not (isinstance(value, float) and not math.isfinite(value)))


def parse_instant(text):
    """RFC 3339 / ISO 8601 text (or a bare date, read as 00:00 UTC) to an aware datetime."""
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
    text = re.sub(r"[zZ]$", "+00:00", text)
    # Python before 3.11 cannot read more than 6 fractional digits; keep microseconds.
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def header_map(headers):
    return {str(k).lower(): v for k, v in headers.items()}


class Problems:
    """Problems of one request line: (event index or None, message)."""

    def __init__(self, body):
        self.items = []
        self.body = body

    def add(self, message, event=None):
        self.items.append((event, message))

    def add_library(self, message, event=None):
        self.add(scrub(message, self.body), event)


# ---------------------------------------------------------------------------------------------------------------
# Proto3 JSON: official parse, plus a canonical-form walk (camelCase JSON names, JSON types that match the field)

NUMERIC_32 = {FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT, FieldDescriptor.TYPE_INT32,
              FieldDescriptor.TYPE_UINT32, FieldDescriptor.TYPE_SINT32, FieldDescriptor.TYPE_FIXED32,
              FieldDescriptor.TYPE_SFIXED32}
NUMERIC_64 = {FieldDescriptor.TYPE_INT64, FieldDescriptor.TYPE_UINT64, FieldDescriptor.TYPE_SINT64,
              FieldDescriptor.TYPE_FIXED64, FieldDescriptor.TYPE_SFIXED64}


def canonical_walk(descriptor, node, path, report):
    """Google accepts proto field names and numbers-as-strings; Revloop must emit the canonical JSON form."""
    if not isinstance(node, dict) or descriptor.full_name.startswith("google.protobuf."):
        return
    by_json = {f.json_name: f for f in descriptor.fields}
    by_name = {f.name: f for f in descriptor.fields}
    for key, value in node.items():
        field = by_json.get(key)
        if field is None:
            if key in by_name:
                report(f"{path}{key}: proto field name; the JSON name is '{by_name[key].json_name}'")
            continue  # unknown keys are the parser's to report
        values = value if field.is_repeated and isinstance(value, list) else [value]
        for index, item in enumerate(values):
            where = f"{path}{key}" + (f"[{index}]" if field.is_repeated else "")
            if item is None:
                continue
            if field.type == FieldDescriptor.TYPE_MESSAGE:
                canonical_walk(field.message_type, item, where + ".", report)
            elif field.type in NUMERIC_32 and not is_number(item):
                report(f"{where}: must be a JSON number")
            elif field.type in NUMERIC_64 and not (is_int(item) or (isinstance(item, str) and DIGITS.match(item.lstrip("-")))):
                report(f"{where}: must be an integer (number or decimal string)")
            elif field.type == FieldDescriptor.TYPE_BOOL and not isinstance(item, bool):
                report(f"{where}: must be a JSON boolean")
            elif field.type == FieldDescriptor.TYPE_STRING and not isinstance(item, str):
                report(f"{where}: must be a JSON string")
            elif field.type == FieldDescriptor.TYPE_ENUM and not isinstance(item, str):
                report(f"{where}: enum must be given by name")


def proto_check(body, request_cls, list_key, item_cls, problems):
    """json_format.Parse into the official request type. On failure, parses the request without its list and
    each list item on its own, so every bad item is reported with its index. Returns the parsed message or None."""
    message = request_cls.pb()()
    try:
        json_format.Parse(json.dumps(body), message)
        ok = True
    except json_format.ParseError as error:
        ok = False
        whole_error = str(error)
    canonical_walk(request_cls.pb().DESCRIPTOR, {k: v for k, v in body.items() if k != list_key}, "",
                   lambda m: problems.add(m))
    items = body.get(list_key)
    for index, item in enumerate(items if isinstance(items, list) else []):
        canonical_walk(item_cls.pb().DESCRIPTOR, item, "", lambda m, i=index: problems.add(m, i))
    if ok:
        return message
    found = False
    try:
        json_format.Parse(json.dumps({k: v for k, v in body.items() if k != list_key}), request_cls.pb()())
    except json_format.ParseError as error:
        problems.add_library(f"{request_cls.__name__}: {error}")
        found = True
    if isinstance(items, list):
        for index, item in enumerate(items):
            try:
                json_format.Parse(json.dumps(item), item_cls.pb()())
            except json_format.ParseError as error:
                problems.add_library(f"{item_cls.__name__}: {error}", index)
                found = True
    if not found:
        problems.add_library(f"{request_cls.__name__}: {whole_error}")
    return None


def batch_size(body, key, platform, problems):
    items = body.get(key)
    if not isinstance(items, list):
        problems.add(f"'{key}' must be a list")
        return []
    if not items:
        problems.add(f"'{key}' is empty")
    if len(items) > BATCH_LIMITS[platform]:
        problems.add(f"{len(items)} items in '{key}'; the limit is {BATCH_LIMITS[platform]}")
    return [item if isinstance(item, dict) else {} for item in items]


def dedup_key(value, name, index, problems, seen, scope=""):
    if not isinstance(value, str) or not value:
        problems.add(f"{name} missing", index)
        return
    if not DEDUP_KEY.match(value):
        problems.add(f"{name} is not a Revloop dedup key (rl1- + 32 lower-case hex)", index)
    key = (scope, value)
    if key in seen:
        problems.add(f"{name} repeats event {seen[key]} of the same request", index)
    else:
        seen[key] = index


# ---------------------------------------------------------------------------------------------------------------
# Google Data Manager: events:ingest

DM_CONSENT = {"CONSENT_GRANTED", "CONSENT_DENIED"}


def check_dm_consent(consent, where, index, problems):
    if consent is None:
        return
    if not isinstance(consent, dict):
        problems.add(f"{where} must be an object", index)
        return
    for key in ("adUserData", "adPersonalization"):
        if key in consent and consent[key] not in DM_CONSENT:
            problems.add(f"{where}.{key} must be CONSENT_GRANTED or CONSENT_DENIED", index)


def check_google_data_manager(body, headers, url, now, problems):
    proto_check(body, IngestEventsRequest, "events", DMEvent, problems)
    events = batch_size(body, "events", "google_data_manager", problems)

    destinations = body.get("destinations")
    if not isinstance(destinations, list) or not destinations:
        problems.add("destinations missing")
    else:
        for d, dest in enumerate(destinations):
            dest = dest if isinstance(dest, dict) else {}
            account = dest.get("operatingAccount") if isinstance(dest.get("operatingAccount"), dict) else {}
            if account.get("accountType") != "GOOGLE_ADS":
                problems.add(f"destinations[{d}].operatingAccount.accountType must be GOOGLE_ADS")
            if not (isinstance(account.get("accountId"), str) and DIGITS.match(account["accountId"])):
                problems.add(f"destinations[{d}].operatingAccount.accountId must be the customer ID, digits only")
            if not (isinstance(dest.get("productDestinationId"), str) and DIGITS.match(dest["productDestinationId"])):
                problems.add(f"destinations[{d}].productDestinationId must be the bare conversion action ID")
    check_dm_consent(body.get("consent"), "consent", None, problems)

    any_user_data = False
    seen = {}
    for i, event in enumerate(events):
        dedup_key(event.get("transactionId"), "transactionId", i, problems, seen)
        stamp = event.get("eventTimestamp")
        if not isinstance(stamp, str) or not RFC3339.match(stamp):
            problems.add("eventTimestamp must be RFC 3339 with a zone (Z or +hh:mm)", i)
        else:
            moment = parse_instant(stamp)
            if moment > now + FUTURE_SLACK:
                problems.add("eventTimestamp is in the future", i)
        check_dm_consent(event.get("consent"), "consent", i, problems)

        if "conversionValue" in event:
            value = event["conversionValue"]
            if not is_number(value) or value < 0:
                problems.add("conversionValue must be a non-negative number", i)
            if not (isinstance(event.get("currency"), str) and CURRENCY_UPPER.match(event["currency"])):
                problems.add("currency must be an upper-case ISO 4217 code when conversionValue is set", i)

        matchable = False
        ad_ids = event.get("adIdentifiers")
        if isinstance(ad_ids, dict):
            if ad_ids.get("gbraid") and ad_ids.get("wbraid"):
                problems.add("adIdentifiers has both gbraid and wbraid", i)
            matchable = any(ad_ids.get(k) for k in ("gclid", "gbraid", "wbraid"))

        user_data = event.get("userData")
        if user_data is not None:
            any_user_data = True
            identifiers = user_data.get("userIdentifiers") if isinstance(user_data, dict) else None
            if not isinstance(identifiers, list) or not identifiers:
                problems.add("userData without userIdentifiers", i)
                identifiers = []
            for j, ident in enumerate(identifiers):
                ident = ident if isinstance(ident, dict) else {}
                for key in ("emailAddress", "phoneNumber"):
                    if key in ident:
                        matchable = True
                        if not (isinstance(ident[key], str) and HEX64.match(ident[key])):
                            problems.add(f"userIdentifiers[{j}].{key} is not 64 lower-case hex", i)
                if "address" in ident:
                    matchable = True
                    address = ident["address"] if isinstance(ident["address"], dict) else {}
                    for key in ("givenName", "familyName"):
                        if not (isinstance(address.get(key), str) and HEX64.match(address[key])):
                            problems.add(f"userIdentifiers[{j}].address.{key} is not 64 lower-case hex", i)
                    region = address.get("regionCode")
                    if not (isinstance(region, str) and re.fullmatch(r"[A-Z]{2}", region)):
                        problems.add(f"userIdentifiers[{j}].address.regionCode must be ISO 3166-1 alpha-2", i)
        if not matchable:
            problems.add("no matchable identifier (gclid, gbraid, wbraid, email, phone or address)", i)

    if any_user_data and body.get("encoding") != "HEX":
        problems.add("encoding must be HEX when userData is sent")
    return len(events)


# ---------------------------------------------------------------------------------------------------------------
# Google Ads API v26: uploadClickConversions / uploadConversionAdjustments

GADS_CONSENT = {"GRANTED", "DENIED"}
CONVERSION_ACTION = re.compile(r"^customers/\d+/conversionActions/\d+$")


def check_google_ads(body, headers, url, now, problems):
    match = URLS["google_ads"].match(url or "")
    if not match:
        return 0  # reported by the common URL check
    customer, method = match.groups()
    if "customerId" in body and str(body["customerId"]) != customer:
        problems.add("customerId differs from the customer in the URL")
    if body.get("partialFailure") is not True:
        problems.add("partialFailure must be true")
    seen = {}

    if method == "uploadClickConversions":
        proto_check(body, UploadClickConversionsRequest, "conversions", ClickConversion, problems)
        items = batch_size(body, "conversions", "google_ads", problems)
        for i, c in enumerate(items):
            action = c.get("conversionAction")
            if not (isinstance(action, str) and CONVERSION_ACTION.match(action)):
                problems.add("conversionAction must be customers/<cid>/conversionActions/<id>", i)
            dedup_key(c.get("orderId"), "orderId", i, problems, seen, scope=str(action))
            stamp = c.get("conversionDateTime")
            if not (isinstance(stamp, str) and GADS_DATETIME.match(stamp)):
                problems.add("conversionDateTime must be 'yyyy-mm-dd hh:mm:ss+|-hh:mm'", i)
            elif parse_instant(stamp.replace(" ", "T", 1)) > now + FUTURE_SLACK:
                problems.add("conversionDateTime is in the future", i)
            if c.get("gbraid") and c.get("wbraid"):
                problems.add("both gbraid and wbraid are set", i)
            if "conversionValue" in c:
                if not is_number(c["conversionValue"]) or c["conversionValue"] < 0:
                    problems.add("conversionValue must be a non-negative number", i)
                if not (isinstance(c.get("currencyCode"), str) and CURRENCY_UPPER.match(c["currencyCode"])):
                    problems.add("currencyCode must be an upper-case ISO 4217 code when conversionValue is set", i)
            consent = c.get("consent")
            if isinstance(consent, dict):
                if "adUserData" in consent and consent["adUserData"] not in GADS_CONSENT:
                    problems.add("consent.adUserData must be GRANTED or DENIED", i)
                if "adPersonalization" in consent:
                    problems.add("consent.adPersonalization does not apply to click conversions", i)
            identifiers = c.get("userIdentifiers") or []
            if not isinstance(identifiers, list):
                identifiers = []
            if len(identifiers) > 5:
                problems.add(f"{len(identifiers)} userIdentifiers; at most 5", i)
            for j, ident in enumerate(identifiers):
                ident = ident if isinstance(ident, dict) else {}
                kinds = [k for k in ident if k != "userIdentifierSource"]
                for kind in kinds:
                    if kind not in ("hashedEmail", "hashedPhoneNumber"):
                        problems.add(f"userIdentifiers[{j}].{kind} is not supported by this service", i)
                    elif not (isinstance(ident[kind], str) and HEX64.match(ident[kind])):
                        problems.add(f"userIdentifiers[{j}].{kind} is not 64 lower-case hex", i)
            if not (any(c.get(k) for k in ("gclid", "gbraid", "wbraid")) or identifiers):
                problems.add("no matchable identifier (gclid, gbraid, wbraid or userIdentifiers)", i)
        return len(items)

    proto_check(body, UploadConversionAdjustmentsRequest, "conversionAdjustments", ConversionAdjustment, problems)
    items = batch_size(body, "conversionAdjustments", "google_ads", problems)
    for i, a in enumerate(items):
        action = a.get("conversionAction")
        if not (isinstance(action, str) and CONVERSION_ACTION.match(action)):
            problems.add("conversionAction must be customers/<cid>/conversionActions/<id>", i)
        kind = a.get("adjustmentType")
        if kind not in ("RESTATEMENT", "RETRACTION"):
            problems.add("adjustmentType must be RESTATEMENT or RETRACTION", i)
        if "orderId" in a or "gclidDateTimePair" not in a:
            dedup_key(a.get("orderId"), "orderId", i, problems, seen, scope=str(action))
        pair = a.get("gclidDateTimePair")
        if isinstance(pair, dict) and "conversionDateTime" in pair:
            if not (isinstance(pair["conversionDateTime"], str) and GADS_DATETIME.match(pair["conversionDateTime"])):
                problems.add("gclidDateTimePair.conversionDateTime must be 'yyyy-mm-dd hh:mm:ss+|-hh:mm'", i)
        stamp = a.get("adjustmentDateTime")
        if not (isinstance(stamp, str) and GADS_DATETIME.match(stamp)):
            problems.add("adjustmentDateTime must be 'yyyy-mm-dd hh:mm:ss+|-hh:mm'", i)
        elif parse_instant(stamp.replace(" ", "T", 1)) > now + FUTURE_SLACK:
            problems.add("adjustmentDateTime is in the future", i)
        restated = a.get("restatementValue")
        if kind == "RESTATEMENT":
            if not isinstance(restated, dict) or not is_number(restated.get("adjustedValue")) \
                    or restated["adjustedValue"] < 0:
                problems.add("RESTATEMENT needs restatementValue.adjustedValue, a non-negative number", i)
            elif not (isinstance(restated.get("currencyCode"), str) and CURRENCY_UPPER.match(restated["currencyCode"])):
                problems.add("restatementValue.currencyCode must be an upper-case ISO 4217 code", i)
        elif kind == "RETRACTION" and restated is not None:
            problems.add("RETRACTION must not carry restatementValue", i)
        if len(a.get("userIdentifiers") or []) > 5:
            problems.add("more than 5 userIdentifiers", i)
    return len(items)


# ---------------------------------------------------------------------------------------------------------------
# Meta Conversions API: JSON Schema from ad-platforms.md section 2, plus checks

_STRINGS = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
META_HASHED = ("em", "ph", "fn", "ln", "ct", "st", "zp", "country", "db", "ge")

META_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "revloop:meta-capi-events-request",
    "type": "object",
    "additionalProperties": False,
    "required": ["data"],
    "properties": {
        "data": {"type": "array", "minItems": 1, "maxItems": 1000, "items": {"$ref": "#/$defs/event"}},
        "test_event_code": {"type": "string", "minLength": 1},
    },
    "$defs": {
        "event": {  # 2.2 server event fields
            "type": "object",
            "additionalProperties": False,
            "required": ["event_name", "event_time", "action_source", "user_data"],
            "properties": {
                "event_name": {"type": "string", "minLength": 1},
                "event_time": {"type": "integer"},
                "event_id": {"type": "string", "minLength": 1},
                "action_source": {"enum": ["email", "website", "app", "phone_call", "chat", "physical_store",
                                           "system_generated", "business_messaging", "other"]},
                "event_source_url": {"type": "string"},
                "opt_out": {"type": "boolean"},
                "user_data": {"$ref": "#/$defs/user_data"},
                "custom_data": {"$ref": "#/$defs/custom_data"},
                "app_data": {"type": "object"},
                "data_processing_options": {"type": "array", "items": {"type": "string"}},
                "data_processing_options_country": {"type": "integer"},
                "data_processing_options_state": {"type": "integer"},
                "messaging_channel": {"type": "string"},
                "original_event_data": {"type": "object"},
                "attribution_data": {"type": "object"},
                "referrer_url": {"type": "string"},
                "advanced_measurement_table": {"type": "object"},
            },
        },
        "user_data": {  # 2.3 customer information parameters
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {
                **{key: _STRINGS for key in META_HASHED},
                "external_id": _STRINGS,
                "client_ip_address": {"type": "string"},
                "client_user_agent": {"type": "string"},
                "fbc": {"type": "string"},
                "fbp": {"type": "string"},
                "lead_id": {"type": "integer"},
                "subscription_id": {"type": "string"},
                "fb_login_id": {"type": "string"},
                "madid": {"type": "string"},
                "anon_id": {"type": "string"},
                "ctwa_clid": {"type": "string"},
                "page_id": {"type": "string"},
            },
        },
        "custom_data": {  # 2.4; extra keys are allowed (custom_properties are flattened into custom_data)
            "type": "object",
            "properties": {
                "value": {"type": "number"},
                "currency": {"type": "string", "pattern": "^[A-Za-z]{3}$"},
                "net_revenue": {"type": "number"},
                "order_id": {"type": "string"},
                "content_ids": {"type": "array", "items": {"type": "string"}},
                "content_name": {"type": "string"},
                "content_category": {"type": "string"},
                "content_type": {"type": "string"},
                "contents": {"type": "array", "items": {"type": "object"}},
                "num_items": {"type": "integer"},
                "predicted_ltv": {"type": "number"},
                "status": {"type": "string"},
                "search_string": {"type": "string"},
                "delivery_category": {"type": "string"},
                "item_number": {"type": "string"},
                "event_source": {"type": "string"},
                "lead_event_source": {"type": "string"},
            },
        },
    },
}

# ---------------------------------------------------------------------------------------------------------------
# LinkedIn Conversions API: JSON Schema from ad-platforms.md section 3.2, plus checks

LINKEDIN_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "revloop:linkedin-conversion-events-batch",
    "type": "object",
    "additionalProperties": False,
    "required": ["elements"],
    "properties": {
        "elements": {"type": "array", "minItems": 1, "maxItems": 5000, "items": {"$ref": "#/$defs/event"}},
    },
    "$defs": {
        "event": {
            "type": "object",
            "additionalProperties": False,
            "required": ["conversion", "conversionHappenedAt", "user"],
            "properties": {
                "conversion": {"type": "string"},
                "conversionHappenedAt": {"type": "integer"},
                "conversionValue": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["currencyCode", "amount"],
                    "properties": {
                        "currencyCode": {"type": "string", "pattern": "^[A-Z]{3}$"},
                        "amount": {"type": "string"},
                    },
                },
                "eventId": {"type": "string", "minLength": 1},
                "user": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["userIds"],
                    "properties": {
                        "userIds": {"type": "array", "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["idType", "idValue"],
                            "properties": {
                                "idType": {"enum": ["SHA256_EMAIL", "LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID",
                                                    "ACXIOM_ID", "ORACLE_MOAT_ID", "PLAINTEXT_IP_ADDRESS",
                                                    "GOOGLE_AID", "SHA256_IP_ADDRESS"]},
                                "idValue": {"type": "string", "minLength": 1},
                            },
                        }},
                        "userInfo": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["firstName", "lastName"],
                            "properties": {
                                "firstName": {"type": "string", "minLength": 1},
                                "lastName": {"type": "string", "minLength": 1},
                                "title": {"type": "string"},
                                "companyName": {"type": "string"},
                                "countryCode": {"type": "string", "pattern": "^[A-Z]{2}$"},
                            },
                        },
                        "lead": {"type": "string", "pattern": "^urn:li:leadGenFormResponse:.+$"},
                        "externalIds": {"type": "array", "maxItems": 1, "items": {"type": "string"}},
                    },
                },
            },
        },
    },
}

jsonschema.Draft202012Validator.check_schema(META_SCHEMA)
jsonschema.Draft202012Validator.check_schema(LINKEDIN_SCHEMA)
META_VALIDATOR = jsonschema.Draft202012Validator(META_SCHEMA)
LINKEDIN_VALIDATOR = jsonschema.Draft202012Validator(LINKEDIN_SCHEMA)


def schema_check(validator, body, list_key, problems):
    """Reports schema errors by path and rule, never quoting the instance (it may be an identifier)."""
    for error in sorted(validator.iter_errors(body), key=lambda e: list(map(str, e.absolute_path))):
        path = list(error.absolute_path)
        index = None
        if len(path) >= 2 and path[0] == list_key and isinstance(path[1], int):
            index, path = path[1], path[2:]
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
        where = where or ("event" if index is not None else "body")
        rule, expected = error.validator, error.validator_value
        if rule in ("required", "additionalProperties"):
            detail = error.message  # names keys only
        elif rule == "type":
            detail = f"must be of type {expected}"
        elif rule == "pattern":
            detail = f"does not match {expected}"
        elif rule == "enum":
            detail = f"must be one of {expected}"
        elif rule in ("minItems", "maxItems", "minLength", "minProperties"):
            detail = f"violates {rule} {expected}"
        elif rule == "oneOf":
            detail = "must be a string or a list of strings"
        else:
            detail = f"violates '{rule}'"
        problems.add(f"schema: {where} {detail}", index)


def in_window(moment, now, window):
    return now - window <= moment <= now + FUTURE_SLACK


def check_meta(body, headers, url, now, problems):
    schema_check(META_VALIDATOR, body, "data", problems)
    if "access_token" in body:
        problems.add("access_token in the body (a secret)")
    events = batch_size(body, "data", "meta", problems)
    seen = {}
    for i, event in enumerate(events):
        dedup_key(event.get("event_id"), "event_id", i, problems, seen)
        stamp = event.get("event_time")
        if not is_int(stamp):
            problems.add("event_time must be an integer (Unix seconds)", i)
        elif stamp >= 10**11:
            problems.add("event_time looks like milliseconds; Meta wants Unix seconds", i)
        elif not in_window(datetime.fromtimestamp(stamp, timezone.utc), now, META_WINDOW):
            problems.add("event_time outside [now - 7 days, now + 5 minutes]", i)
        if event.get("action_source") != "system_generated":
            problems.add("action_source must be system_generated", i)

        custom = event.get("custom_data") if isinstance(event.get("custom_data"), dict) else {}
        if custom.get("event_source") != "crm":
            problems.add("custom_data.event_source must be 'crm'", i)
        if not (isinstance(custom.get("lead_event_source"), str) and custom["lead_event_source"].strip()):
            problems.add("custom_data.lead_event_source missing", i)
        if "value" in custom:
            if not is_number(custom["value"]) or custom["value"] < 0:
                problems.add("custom_data.value must be a non-negative number", i)
            if not (isinstance(custom.get("currency"), str) and re.fullmatch(r"[A-Za-z]{3}", custom["currency"])):
                problems.add("custom_data.currency must be an ISO 4217 code when value is set", i)

        options = event.get("data_processing_options")
        if isinstance(options, list) and "LDU" in options:
            for key in ("data_processing_options_country", "data_processing_options_state"):
                if not is_int(event.get(key)):
                    problems.add(f"LDU needs {key}", i)

        user = event.get("user_data") if isinstance(event.get("user_data"), dict) else {}
        for key in META_HASHED:
            if key in user:
                values = user[key]
                if not isinstance(values, list) or not values:
                    problems.add(f"user_data.{key} must be a non-empty list", i)
                elif not all(isinstance(v, str) and HEX64.match(v) for v in values):
                    problems.add(f"user_data.{key} has a value that is not 64 lower-case hex", i)
        if "external_id" in user:
            values = user["external_id"]
            if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values):
                problems.add("user_data.external_id must be a non-empty list of strings", i)
        if "fbc" in user and not (isinstance(user["fbc"], str) and FBC.match(user["fbc"])):
            problems.add("user_data.fbc must look like fb.1.<13-digit ms>.<fbclid>", i)
        if "lead_id" in user and not is_int(user["lead_id"]):
            problems.add("user_data.lead_id must be an integer", i)
        if not any(user.get(k) for k in ("em", "ph", "external_id", "fbc", "fbp", "lead_id")):
            problems.add("no matchable identifier in user_data", i)
    return len(events)


def check_linkedin(body, headers, url, now, problems):
    schema_check(LINKEDIN_VALIDATOR, body, "elements", problems)
    h = header_map(headers)
    if not (isinstance(h.get("linkedin-version"), str) and LI_VERSION.match(h["linkedin-version"])):
        problems.add("header LinkedIn-Version must be YYYYMM")
    if h.get("x-restli-protocol-version") != "2.0.0":
        problems.add("header X-Restli-Protocol-Version must be 2.0.0")
    if h.get("x-restli-method") != "BATCH_CREATE":
        problems.add("header X-RestLi-Method must be BATCH_CREATE")
    events = batch_size(body, "elements", "linkedin", problems)
    seen = {}
    for i, event in enumerate(events):
        dedup_key(event.get("eventId"), "eventId", i, problems, seen)
        if not (isinstance(event.get("conversion"), str) and LI_CONVERSION.match(event["conversion"])):
            problems.add("conversion must be urn:lla:llaPartnerConversion:<id>", i)
        stamp = event.get("conversionHappenedAt")
        if not is_int(stamp):
            problems.add("conversionHappenedAt must be an integer (epoch milliseconds)", i)
        elif stamp < 10**12:
            problems.add("conversionHappenedAt looks like seconds; LinkedIn wants milliseconds", i)
        elif not in_window(datetime.fromtimestamp(stamp / 1000, timezone.utc), now, LINKEDIN_WINDOW):
            problems.add("conversionHappenedAt outside [now - 90 days, now + 5 minutes]", i)
        value = event.get("conversionValue")
        if isinstance(value, dict) and not (isinstance(value.get("amount"), str) and LI_AMOUNT.match(value["amount"])):
            problems.add("conversionValue.amount must be a decimal string", i)
        user = event.get("user") if isinstance(event.get("user"), dict) else {}
        ids = user.get("userIds") if isinstance(user.get("userIds"), list) else []
        for j, uid in enumerate(ids):
            uid = uid if isinstance(uid, dict) else {}
            if uid.get("idType") == "SHA256_EMAIL" and not (isinstance(uid.get("idValue"), str)
                                                           and HEX64.match(uid["idValue"])):
                problems.add(f"user.userIds[{j}] SHA256_EMAIL idValue is not 64 lower-case hex", i)
        info = user.get("userInfo")
        if info is not None and not (isinstance(info, dict) and info.get("firstName") and info.get("lastName")):
            problems.add("user.userInfo needs both firstName and lastName", i)
        if not any(isinstance(u, dict) and u.get("idValue") for u in ids) and info is None:
            problems.add("no matchable identifier (userIds or userInfo)", i)
    return len(events)


CHECKS = {
    "google_data_manager": check_google_data_manager,
    "google_ads": check_google_ads,
    "meta": check_meta,
    "linkedin": check_linkedin,
}


# ---------------------------------------------------------------------------------------------------------------
# One request line

def check_request(record, now):
    """Returns (platform, events checked, [(event index or None, message)])."""
    if not isinstance(record, dict):
        return "?", 0, [(None, "line is not a JSON object")]
    platform = record.get("platform")
    body = record.get("body")
    problems = Problems(body)
    extra = set(record) - {"platform", "method", "url", "headers", "body"}
    if extra:
        problems.add(f"unexpected keys {sorted(extra)}")
    if platform not in CHECKS:
        problems.add("unknown platform")
        return str(platform), 0, problems.items
    if record.get("method") != "POST":
        problems.add("method must be POST")
    url = record.get("url")
    if not (isinstance(url, str) and URLS[platform].match(url)):
        problems.add("url does not match the platform's endpoint")

    headers = record.get("headers")
    if not isinstance(headers, dict):
        problems.add("headers must be an object")
        headers = {}
    h = header_map(headers)
    if "authorization" not in h:
        problems.add("Authorization header missing")
    for name, value in headers.items():
        if str(name).lower() in SECRET_HEADERS:
            if value != REDACTED:
                problems.add(f"header {name} is not \"{REDACTED}\" (a secret would leak)")
        elif isinstance(value, str) and SECRET_LOOKALIKE.search(value):
            problems.add(f"header {name} looks like it carries a credential")
    if not (isinstance(h.get("content-type"), str) and h["content-type"].startswith("application/json")):
        problems.add("Content-Type must be application/json")
    if isinstance(url, str) and re.search(r"[?&](access_token|key)=", url):
        problems.add("url carries a credential in its query")

    if not isinstance(body, dict):
        problems.add("body must be a JSON object")
        return platform, 0, problems.items
    events = CHECKS[platform](body, headers, url, now, problems)
    return platform, events, problems.items


def format_problem(line, platform, event, message):
    where = f"line {line} ({platform})" + (f" event {event}" if event is not None else "")
    return f"{where}: {message}"


def check_file(path, now, out=print):
    """Returns (exit code, problem texts)."""
    lines = events = 0
    per_platform = defaultdict(lambda: [0, 0])
    texts = []
    repeats = Counter()
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                texts.append(format_problem(number, "?", None, "blank line"))
                continue
            lines += 1
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as error:
                texts.append(format_problem(number, "?", None, f"not JSON ({error.msg} at column {error.colno})"))
                continue
            platform, count, problems = check_request(record, now)
            per_platform[platform][0] += 1
            per_platform[platform][1] += count
            events += count
            texts += [format_problem(number, platform, e, m) for e, m in problems]
            if platform == "google_data_manager" and isinstance(record.get("body"), dict):
                for event in record["body"].get("events") or []:
                    if isinstance(event, dict) and isinstance(event.get("transactionId"), str):
                        repeats[event["transactionId"]] += 1
    if lines == 0:
        texts.append(f"{path}: no request lines")
    out(f"wire conformance: {lines} lines, {events} events (now {now.isoformat()})")
    for platform in sorted(per_platform):
        n_lines, n_events = per_platform[platform]
        out(f"  {platform}: {n_lines} lines, {n_events} events")
    restated = sum(1 for n in repeats.values() if n > 1)
    if restated:
        out(f"  note: {restated} Data Manager transactionIds appear in more than one event (restatements)")
    for text in texts:
        out(text)
    out(f"{len(texts)} problem(s)" if texts else "OK")
    return (1 if texts else 0), texts


# ---------------------------------------------------------------------------------------------------------------
# Self-test: built-in good and bad requests

def sha(text):
    return hashlib.sha256(text.encode()).hexdigest()


def rl1_key(text):
    return "rl1-" + sha(text)[:32]


def good_requests(now):
    stamp_s = int((now - timedelta(days=1)).timestamp())
    stamp_ms = int((now - timedelta(days=10)).timestamp()) * 1000 + 123
    return {
        "google_data_manager": {
            "platform": "google_data_manager", "method": "POST",
            "url": "https://datamanager.googleapis.com/v1/events:ingest",
            "headers": {"Authorization": REDACTED, "Content-Type": "application/json"},
            "body": {
                "destinations": [{"operatingAccount": {"accountType": "GOOGLE_ADS", "accountId": "1234567890"},
                                  "productDestinationId": "987654321"}],
                "encoding": "HEX", "validateOnly": False,
                "events": [
                    {"transactionId": rl1_key("dm-1"), "eventTimestamp": "2026-11-20T10:05:00.123Z",
                     "adIdentifiers": {"gclid": "Cj0KCQiA_selftest_gclid"},
                     "userData": {"userIdentifiers": [
                         {"emailAddress": sha("janedoe@gmail.com")}, {"phoneNumber": sha("+16505551212")},
                         {"address": {"givenName": sha("jane"), "familyName": sha("doe"),
                                      "regionCode": "US", "postalCode": "94105"}}]},
                     "consent": {"adUserData": "CONSENT_GRANTED", "adPersonalization": "CONSENT_GRANTED"},
                     "currency": "USD", "conversionValue": 1234.5},
                    {"transactionId": rl1_key("dm-2"), "eventTimestamp": "2026-11-21T08:00:00+01:00",
                     "userData": {"userIdentifiers": [{"emailAddress": sha("bob@example.com")}]},
                     "consent": {"adUserData": "CONSENT_GRANTED"}, "currency": "USD", "conversionValue": 0},
                ]},
        },
        "google_ads_click": {
            "platform": "google_ads", "method": "POST",
            "url": "https://googleads.googleapis.com/v26/customers/1234567890:uploadClickConversions",
            "headers": {"Authorization": REDACTED, "developer-token": REDACTED, "Content-Type": "application/json"},
            "body": {"conversions": [{
                "gclid": "Cj0KCQiA_selftest_gclid",
                "conversionAction": "customers/1234567890/conversionActions/987654321",
                "conversionDateTime": "2026-11-20 10:05:00+00:00", "conversionValue": 1234.5,
                "currencyCode": "USD", "orderId": rl1_key("ga-1"),
                "userIdentifiers": [{"hashedEmail": sha("janedoe@gmail.com")},
                                    {"hashedPhoneNumber": sha("+16505551212")}],
                "consent": {"adUserData": "GRANTED"}}],
                "partialFailure": True, "validateOnly": False},
        },
        "google_ads_adjust": {
            "platform": "google_ads", "method": "POST",
            "url": "https://googleads.googleapis.com/v26/customers/1234567890:uploadConversionAdjustments",
            "headers": {"Authorization": REDACTED, "developer-token": REDACTED, "Content-Type": "application/json"},
            "body": {"conversionAdjustments": [
                {"conversionAction": "customers/1234567890/conversionActions/987654321",
                 "adjustmentType": "RESTATEMENT", "orderId": rl1_key("ga-1"),
                 "adjustmentDateTime": "2026-11-25 09:00:00+00:00",
                 "restatementValue": {"adjustedValue": 1500.0, "currencyCode": "USD"}},
                {"conversionAction": "customers/1234567890/conversionActions/987654321",
                 "adjustmentType": "RETRACTION", "orderId": rl1_key("ga-2"),
                 "adjustmentDateTime": "2026-11-25 09:00:00-05:00"}],
                "partialFailure": True},
        },
        "meta": {
            "platform": "meta", "method": "POST",
            "url": "https://graph.facebook.com/v26.0/556677889900/events",
            "headers": {"Authorization": REDACTED, "Content-Type": "application/json"},
            "body": {"data": [
                {"event_name": "Qualified to buy", "event_time": stamp_s, "event_id": rl1_key("m-1"),
                 "action_source": "system_generated",
                 "user_data": {"em": [sha("jane.doe+crm@gmail.com")], "ph": [sha("16505551212")],
                               "fn": [sha("jane")], "ln": [sha("doe")], "ct": [sha("sanfrancisco")],
                               "zp": [sha("94105")], "country": [sha("us")],
                               "external_id": [sha("crm:sample:c-1")],
                               "fbc": "fb.1.1764410000000.IwAR_selftest", "lead_id": 1234567890123456},
                 "custom_data": {"value": 1234.5, "currency": "usd", "event_source": "crm",
                                 "lead_event_source": "Revloop sample CRM"}},
                {"event_name": "Closed won", "event_time": stamp_s + 60, "event_id": rl1_key("m-2"),
                 "action_source": "system_generated", "user_data": {"em": [sha("bob@example.com")]},
                 "custom_data": {"value": 10.0, "currency": "usd", "event_source": "crm",
                                 "lead_event_source": "Revloop sample CRM"},
                 "data_processing_options": ["LDU"], "data_processing_options_country": 0,
                 "data_processing_options_state": 0}],
                "test_event_code": "TEST12345"},
        },
        "linkedin": {
            "platform": "linkedin", "method": "POST",
            "url": "https://api.linkedin.com/rest/conversionEvents",
            "headers": {"Authorization": REDACTED, "LinkedIn-Version": "202611", "X-Restli-Protocol-Version": "2.0.0",
                        "X-RestLi-Method": "BATCH_CREATE", "Content-Type": "application/json"},
            "body": {"elements": [
                {"conversion": "urn:lla:llaPartnerConversion:12345678", "conversionHappenedAt": stamp_ms,
                 "conversionValue": {"currencyCode": "USD", "amount": "1234.50"}, "eventId": rl1_key("li-1"),
                 "user": {"userIds": [{"idType": "SHA256_EMAIL", "idValue": sha("jane.doe+crm@gmail.com")},
                                      {"idType": "LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID",
                                       "idValue": "0f3e6a52-1c1d-4d1b-9a43-3b2f5f0e9c11"}],
                          "userInfo": {"firstName": "jane", "lastName": "doe"}}},
                {"conversion": "urn:lla:llaPartnerConversion:12345678", "conversionHappenedAt": stamp_ms + 1000,
                 "eventId": rl1_key("li-2"),
                 "user": {"userIds": [{"idType": "SHA256_EMAIL", "idValue": sha("bob@example.com")}]}}]},
        },
    }


def bad_requests(now):
    """(name, base request, mutation, text expected in one of the problems)."""
    old_s = int((now - timedelta(days=8)).timestamp())
    old_ms = int((now - timedelta(days=91)).timestamp()) * 1000

    def dm_event(f):
        return lambda r: f(r["body"]["events"][0])

    def ga_conv(f):
        return lambda r: f(r["body"]["conversions"][0])

    def meta_event(f):
        return lambda r: f(r["body"]["data"][0])

    def li_event(f):
        return lambda r: f(r["body"]["elements"][0])

    def setter(path, value):
        def apply(node):
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = value
        return apply

    def deleter(path):
        def apply(node):
            for part in path[:-1]:
                node = node[part]
            del node[path[-1]]
        return apply

    def both(*fs):
        def apply(node):
            for f in fs:
                f(node)
        return apply

    upper_hex = sha("janedoe@gmail.com").upper()
    return [
        # The five named in the brief.
        ("DM Google Ads-style timestamp", "google_data_manager",
         dm_event(setter(["eventTimestamp"], "2026-11-20 10:05:00+00:00")), "eventTimestamp"),
        ("Google Ads datetime with Z", "google_ads_click",
         ga_conv(setter(["conversionDateTime"], "2026-11-20 10:05:00Z")), "conversionDateTime must be"),
        ("Meta event_time in ms", "meta",
         meta_event(lambda e: e.__setitem__("event_time", e["event_time"] * 1000)), "milliseconds"),
        ("LinkedIn amount as a number", "linkedin",
         li_event(setter(["conversionValue", "amount"], 1234.5)), "amount"),
        ("unredacted Authorization", "meta",
         setter(["headers", "Authorization"], "Bearer EAAselftestsecrettoken0123456789"), "Authorization"),
        # More of each platform's rules.
        ("unredacted Authorization (LinkedIn, lower-case name)", "linkedin",
         setter(["headers", "Authorization"], "Bearer AQselftest"), "is not \"<redacted>\""),
        ("credential-looking header", "google_data_manager",
         setter(["headers", "X-Debug"], "Bearer ya29.selftest"), "credential"),
        ("missing Authorization", "google_data_manager", deleter(["headers", "Authorization"]), "Authorization"),
        ("GET", "meta", setter(["method"], "GET"), "POST"),
        ("wrong URL", "linkedin", setter(["url"], "https://api.linkedin.com/v2/conversionEvents"), "url"),
        ("access_token in URL", "meta",
         setter(["url"], "https://graph.facebook.com/v26.0/556677889900/events?access_token=x"), "url"),
        ("DM Google Ads consent enum", "google_data_manager",
         dm_event(setter(["consent", "adUserData"], "GRANTED")), "CONSENT_GRANTED"),
        ("DM upper-case hex", "google_data_manager",
         dm_event(setter(["userData", "userIdentifiers", 0, "emailAddress"], upper_hex)), "64 lower-case hex"),
        ("DM plaintext given name", "google_data_manager",
         dm_event(setter(["userData", "userIdentifiers", 2, "address", "givenName"], "Jane")), "givenName"),
        ("DM encoding missing", "google_data_manager", deleter(["body", "encoding"]), "encoding must be HEX"),
        ("DM duplicate transactionId", "google_data_manager",
         lambda r: r["body"]["events"][1].__setitem__("transactionId", r["body"]["events"][0]["transactionId"]),
         "repeats"),
        ("DM transactionId missing", "google_data_manager", dm_event(deleter(["transactionId"])), "transactionId"),
        ("DM timestamp without zone", "google_data_manager",
         dm_event(setter(["eventTimestamp"], "2026-11-20T10:05:00")), "eventTimestamp"),
        ("DM unknown field", "google_data_manager", dm_event(setter(["debugEnabled"], True)), "debugEnabled"),
        ("DM snake_case field", "google_data_manager",
         dm_event(lambda e: e.__setitem__("transaction_id", e.pop("transactionId"))), "proto field name"),
        ("DM value as string", "google_data_manager", dm_event(setter(["conversionValue"], "12.5")), "JSON number"),
        ("DM both braids", "google_data_manager",
         dm_event(setter(["adIdentifiers"], {"gbraid": "g", "wbraid": "w"})), "gbraid and wbraid"),
        ("DM resource-name destination", "google_data_manager",
         setter(["body", "destinations", 0, "productDestinationId"], "customers/1/conversionActions/2"),
         "productDestinationId"),
        ("DM 2001 events", "google_data_manager",
         lambda r: r["body"].__setitem__("events", [dict(r["body"]["events"][0], transactionId=rl1_key(f"dm-{n}"))
                                                    for n in range(2001)]), "limit is 2000"),
        ("Google Ads partialFailure false", "google_ads_click", setter(["body", "partialFailure"], False),
         "partialFailure"),
        ("Google Ads both braids", "google_ads_click",
         ga_conv(both(deleter(["gclid"]), setter(["gbraid"], "g"), setter(["wbraid"], "w"))), "gbraid and wbraid"),
        ("Google Ads 6 identifiers", "google_ads_click",
         ga_conv(setter(["userIdentifiers"], [{"hashedEmail": sha(str(n))} for n in range(6)])), "at most 5"),
        ("Google Ads two members in one identifier", "google_ads_click",
         ga_conv(setter(["userIdentifiers", 0, "hashedPhoneNumber"], sha("x"))), "oneof"),
        ("Google Ads DM consent enum", "google_ads_click",
         ga_conv(setter(["consent", "adUserData"], "CONSENT_GRANTED")), "adUserData"),
        ("Google Ads adPersonalization", "google_ads_click",
         ga_conv(setter(["consent", "adPersonalization"], "GRANTED")), "adPersonalization"),
        ("Google Ads unhashed email", "google_ads_click",
         ga_conv(setter(["userIdentifiers", 0, "hashedEmail"], "jane@example.com")), "64 lower-case hex"),
        ("Google Ads debugEnabled", "google_ads_click", setter(["body", "debugEnabled"], True), "debugEnabled"),
        ("Google Ads adjustment datetime ISO", "google_ads_adjust",
         lambda r: r["body"]["conversionAdjustments"][0].__setitem__("adjustmentDateTime", "2026-11-25T09:00:00Z"),
         "adjustmentDateTime"),
        ("Google Ads restatement without value", "google_ads_adjust",
         lambda r: r["body"]["conversionAdjustments"][0].pop("restatementValue"), "restatementValue"),
        ("Google Ads bad adjustment type", "google_ads_adjust",
         lambda r: r["body"]["conversionAdjustments"][0].__setitem__("adjustmentType", "DELETE"), "adjustmentType"),
        ("Meta event older than 7 days", "meta", meta_event(setter(["event_time"], old_s)), "7 days"),
        ("Meta event_time as string", "meta", meta_event(lambda e: e.__setitem__("event_time", str(e["event_time"]))),
         "integer"),
        ("Meta action_source website", "meta", meta_event(setter(["action_source"], "website")), "system_generated"),
        ("Meta no lead_event_source", "meta", meta_event(deleter(["custom_data", "lead_event_source"])),
         "lead_event_source"),
        ("Meta event_source not crm", "meta", meta_event(setter(["custom_data", "event_source"], "web")), "'crm'"),
        ("Meta em as a string", "meta", meta_event(setter(["user_data", "em"], sha("x"))), "list"),
        ("Meta plaintext fn", "meta", meta_event(setter(["user_data", "fn"], ["Jane"])), "64 lower-case hex"),
        ("Meta fbc in seconds", "meta", meta_event(setter(["user_data", "fbc"], "fb.1.1764410000.IwAR")), "fbc"),
        ("Meta lead_id as string", "meta", meta_event(setter(["user_data", "lead_id"], "1234567890123456")),
         "lead_id"),
        ("Meta duplicate event_id", "meta",
         lambda r: r["body"]["data"][1].__setitem__("event_id", r["body"]["data"][0]["event_id"]), "repeats"),
        ("Meta unknown event field", "meta", meta_event(setter(["eventTime"], 1)), "Additional properties"),
        ("Meta access_token in body", "meta", setter(["body", "access_token"], "x"), "access_token"),
        ("Meta LDU without country", "meta",
         lambda r: r["body"]["data"][1].pop("data_processing_options_country"), "LDU"),
        ("LinkedIn seconds", "linkedin",
         li_event(lambda e: e.__setitem__("conversionHappenedAt", e["conversionHappenedAt"] // 1000)), "seconds"),
        ("LinkedIn older than 90 days", "linkedin", li_event(setter(["conversionHappenedAt"], old_ms)), "90 days"),
        ("LinkedIn amount with comma", "linkedin", li_event(setter(["conversionValue", "amount"], "1,234.50")),
         "decimal string"),
        ("LinkedIn bad conversion URN", "linkedin",
         li_event(setter(["conversion"], "urn:li:conversion:12345678")), "llaPartnerConversion"),
        ("LinkedIn plaintext email", "linkedin",
         li_event(setter(["user", "userIds", 0, "idValue"], "jane@example.com")), "64 lower-case hex"),
        ("LinkedIn userInfo without lastName", "linkedin", li_event(deleter(["user", "userInfo", "lastName"])),
         "lastName"),
        ("LinkedIn missing X-RestLi-Method", "linkedin", deleter(["headers", "X-RestLi-Method"]), "X-RestLi-Method"),
        ("LinkedIn version with dots", "linkedin", setter(["headers", "LinkedIn-Version"], "2026.11"),
         "LinkedIn-Version"),
        ("LinkedIn protocol 1.0", "linkedin", setter(["headers", "X-Restli-Protocol-Version"], "1.0.0"),
         "X-Restli-Protocol-Version"),
        ("LinkedIn duplicate eventId", "linkedin",
         lambda r: r["body"]["elements"][1].__setitem__("eventId", r["body"]["elements"][0]["eventId"]), "repeats"),
        ("LinkedIn 5001 elements", "linkedin",
         lambda r: r["body"].__setitem__("elements", [dict(r["body"]["elements"][1], eventId=rl1_key(f"li-{n}"))
                                                      for n in range(5001)]), "5000"),
        ("unknown platform", "meta", setter(["platform"], "tiktok"), "unknown platform"),
    ]


def self_test():
    now = datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)
    goods = good_requests(now)
    failures = []
    secrets = ("EAAselftest", "ya29.selftest", "AQselftest")

    def leaks(texts, record):
        values = sensitive_values(record.get("body")) | set(secrets)
        return [v for v in values if len(v) >= 8 and any(v in t for t in texts)]

    for name, record in goods.items():
        _, _, problems = check_request(copy.deepcopy(record), now)
        if problems:
            failures.append(f"good {name} was rejected: {[format_problem(1, name, e, m) for e, m in problems]}")
        else:
            print(f"ok   good {name}")

    for name, base, mutate, expected in bad_requests(now):
        record = copy.deepcopy(goods[base])
        mutate(record)
        platform, _, problems = check_request(record, now)
        texts = [format_problem(1, platform, e, m) for e, m in problems]
        leaked = leaks(texts, record)
        if leaked:
            failures.append(f"bad {name}: a message quotes an identifier or secret")
        if not any(expected in t for t in texts):
            failures.append(f"bad {name} was not caught as expected ('{expected}'); got {texts}")
        else:
            first = next(t for t in texts if expected in t)
            print(f"ok   bad  {name}: {first[:150]}")

    # The file driver: a file of all good lines passes, an empty file fails, a bad line fails.
    with tempfile.TemporaryDirectory() as scratch:
        good_path = os.path.join(scratch, "good.jsonl")
        with open(good_path, "w", encoding="utf-8") as handle:
            for record in goods.values():
                handle.write(json.dumps(record) + "\n")
        code, texts = check_file(good_path, now, out=lambda _: None)
        if code != 0:
            failures.append(f"file of good lines failed: {texts}")
        empty = os.path.join(scratch, "empty.jsonl")
        open(empty, "w").close()
        if check_file(empty, now, out=lambda _: None)[0] != 1:
            failures.append("an empty file passed")
        bad_path = os.path.join(scratch, "bad.jsonl")
        with open(bad_path, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(goods["meta"]) + "\n{not json\n")
        if check_file(bad_path, now, out=lambda _: None)[0] != 1:
            failures.append("a file with a non-JSON line passed")
        else:
            print("ok   file driver: good file passes, empty and malformed files fail")

    for failure in failures:
        print("FAIL " + failure)
    count = len(goods) + len(bad_requests(now)) + 1
    print(f"self-test: {count} cases, " + ("all passed" if not failures else f"{len(failures)} failure(s)"))
    return 1 if failures else 0


def main(argv):
    args = list(argv)
    if args == ["--self-test"]:
        return self_test()
    now = datetime.now(timezone.utc)
    if "--now" in args:
        at = args.index("--now")
        if at + 1 >= len(args):
            print("--now needs an ISO 8601 time", file=sys.stderr)
            return 2
        try:
            now = parse_instant(args[at + 1])
        except ValueError:
            print(f"--now: cannot read '{args[at + 1]}' as ISO 8601", file=sys.stderr)
            return 2
        del args[at:at + 2]
    if len(args) != 1 or args[0].startswith("--"):
        print(__doc__, file=sys.stderr)
        return 2
    return check_file(args[0], now)[0]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
