"""Checks the Salesforce emulator of `revloop sandbox` with the Python client simple-salesforce.

Usage:
  salesforce_conformance.py BASE_URL OPPORTUNITIES JWT_PRIVATE_KEY

A refresh-token grant (the sandbox's connected app: client sandbox-client, the dummy secret and refresh token of
sandbox/token.txt) gives a session and an instance_url, and so does simple-salesforce's own JWT bearer login
(its PyJWT assertion, signed with JWT_PRIVATE_KEY, verified by the emulator with the public key the sandbox was
given); simple-salesforce then runs its own query_all, query and
query_more, and query_all_iter against that instance and parses every page. simple-salesforce only speaks https,
so its requests session downgrades its https URLs to the emulator's http (nothing else in the SDK is changed).
Then the documented rules the SDK does not check: attributes on every record, 18-character ids, date-times as
2026-11-29T10:00:00.000+0000, amounts as JSON numbers, totalSize counting every match, deleted rows only in
queryAll, Task and Event rows as the connector reads them, and the SDK's exceptions for the emulator's
INVALID_SESSION_ID and MALFORMED_QUERY error arrays.

Problems are printed one a line; field values (emails, phones, names) are never printed. Exits 1 on any problem.
"""
import re
import sys
import warnings

import requests
from requests.adapters import HTTPAdapter
from simple_salesforce import Salesforce
from simple_salesforce.exceptions import (
    SalesforceAuthenticationFailed,
    SalesforceExpiredSession,
    SalesforceMalformedRequest,
)

DUMMY = "sandbox-token-not-a-secret"
DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$")
problems = []


def problem(message):
    problems.append(message)
    print("problem:", message)


class PlainHTTPAdapter(HTTPAdapter):
    """Sends the SDK's https requests to the emulator's plain http: https://127.0.0.1:PORT to the same port, and
    the login host (https://login.salesforce.com) to the emulator."""

    def __init__(self, base):
        super().__init__()
        self.base = base

    def send(self, request, **kwargs):
        rest = request.url[len("https://"):]
        path = rest[rest.index("/"):] if "/" in rest else "/"
        request.url = self.base + path
        return super().send(request, **kwargs)


def plain_session(base):
    session = requests.Session()
    session.mount("https://", PlainHTTPAdapter(base))
    return session


def sdk(instance_url, session_id):
    return Salesforce(
        instance_url=instance_url, session_id=session_id, version="61.0", session=plain_session(instance_url))


def check_records(what, records, sobject, fields):
    for record in records:
        attributes = record.get("attributes") or {}
        if attributes.get("type") != sobject or not str(attributes.get("url", "")).endswith(record.get("Id", "?")):
            problem(f"{what}: a record without the documented attributes")
            return
        if len(record.get("Id", "")) != 18:
            problem(f"{what}: an id that is not 18 characters")
            return
        for field in fields:
            if field not in record:
                problem(f"{what}: field {field} missing from a record")
                return
        for field in ("SystemModstamp", "CreatedDate"):
            if field in record and not DATETIME.match(record[field] or ""):
                problem(f"{what}: {field} is not in Salesforce's date-time format")
                return
        if "Amount" in record and not (record["Amount"] is None or isinstance(record["Amount"], (int, float))):
            problem(f"{what}: Amount is not a JSON number")
            return
        if "IsDeleted" in record and not isinstance(record["IsDeleted"], bool):
            problem(f"{what}: IsDeleted is not a JSON boolean")
            return


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    base = sys.argv[1].rstrip("/")
    expected = int(sys.argv[2])
    key_path = sys.argv[3]

    grant = requests.post(base + "/services/oauth2/token", data={
        "grant_type": "refresh_token", "client_id": "sandbox-client", "client_secret": DUMMY, "refresh_token": DUMMY})
    body = grant.json()
    if grant.status_code != 200 or body.get("instance_url") != base or body.get("token_type") != "Bearer":
        problem(f"refresh-token grant: status {grant.status_code}, instance_url and token_type not as documented")
        sys.exit(1)
    refused = requests.post(base + "/services/oauth2/token", data={
        "grant_type": "refresh_token", "client_id": "sandbox-client", "refresh_token": "revoked"})
    if refused.status_code != 400 or refused.json().get("error") != "invalid_grant":
        problem(f"a revoked refresh token: status {refused.status_code}, expected 400 invalid_grant")
    print(f"token endpoint: a session for {body['instance_url']}; a revoked refresh token is invalid_grant")

    # simple-salesforce's JWT bearer login: its assertion (iss, sub, aud https://login.salesforce.com, exp) signed
    # RS256 by PyJWT; the emulator verifies the signature with the public key and answers an instance_url.
    jwt_sf = Salesforce(username="integration@example.com", consumer_key="sandbox-client", privatekey_file=key_path,
                        version="61.0", session=plain_session(base))
    if jwt_sf.query("SELECT Id FROM OpportunityStage")["totalSize"] == 0:
        problem("JWT bearer login: the session reads no stages")
    try:
        with warnings.catch_warnings():  # the SDK warns how to approve the app: expected here
            warnings.simplefilter("ignore")
            Salesforce(username="someone-else@example.com", consumer_key="sandbox-client", privatekey_file=key_path,
                       version="61.0", session=plain_session(base))
        problem("JWT bearer login for a user the app is not approved for was accepted")
    except SalesforceAuthenticationFailed as error:
        if "approved" not in str(error):
            problem(f"JWT bearer login for another user: {error}")
    print("JWT bearer: simple-salesforce's signed assertion accepted; another user refused as not approved")

    sf = sdk(body["instance_url"], body["access_token"])
    fields = ["Id", "StageName", "Amount", "CloseDate", "CurrencyIsoCode", "IsDeleted", "CreatedDate", "SystemModstamp"]
    soql = f"SELECT {', '.join(fields)} FROM Opportunity ORDER BY SystemModstamp ASC, Id ASC"
    everything = sf.query_all(soql, include_deleted=True)
    records = everything["records"]
    check_records("query_all (queryAll) Opportunity", records, "Opportunity", fields)
    if everything["totalSize"] != len(records) or len(records) != expected or not everything["done"]:
        problem(f"query_all with deleted rows: {len(records)} records, totalSize {everything['totalSize']}, "
                f"expected {expected}")
    ids = [r["Id"] for r in records]
    if len(set(ids)) != len(ids):
        problem("query_all: an opportunity came twice across nextRecordsUrl pages")
    deleted = sum(1 for r in records if r["IsDeleted"])
    live = sf.query_all(soql)
    if len(live["records"]) != expected - deleted or deleted == 0:
        problem(f"query_all without deleted rows: {len(live['records'])} records, expected {expected - deleted} "
                f"(deleted: {deleted})")
    print(f"query_all: {len(records)} opportunities with queryAll ({deleted} deleted), {len(live['records'])} with "
          f"query; api-usage {sf.api_usage.get('api-usage')}")

    # query with a small batch, then query_more along nextRecordsUrl, as a connector pages.
    page = sf.query(soql, include_deleted=True, headers={"Sforce-Query-Options": "batchSize=500"})
    paged = list(page["records"])
    pages = 1
    if page["done"] or "nextRecordsUrl" not in page or page["totalSize"] != expected:
        problem(f"query with batchSize=500: done {page['done']}, totalSize {page['totalSize']}, expected a cursor "
                f"and {expected}")
    while not page["done"]:
        page = sf.query_more(page["nextRecordsUrl"], identifier_is_url=True)
        paged += page["records"]
        pages += 1
        if page["totalSize"] != expected:
            problem("query_more: totalSize is not the count of every match")
    if [r["Id"] for r in paged] != ids:
        problem("query + query_more: not the rows query_all returned, in the same order")
    print(f"query + query_more: {len(paged)} opportunities in {pages} pages of at most 500")

    contact_fields = ["Id", "Email", "Phone", "GCLID__c", "FBCLID__c", "LI_FAT_ID__c", "IsDeleted", "MasterRecordId",
                      "SystemModstamp"]
    contacts = list(sf.query_all_iter(f"SELECT {', '.join(contact_fields)} FROM Contact", include_deleted=True))
    check_records("query_all_iter Contact", contacts, "Contact", contact_fields)
    with_gclid = sum(1 for c in contacts if c["GCLID__c"])
    if not contacts or with_gclid == 0:
        problem(f"contacts: {len(contacts)}, {with_gclid} with GCLID__c")
    print(f"query_all_iter: {len(contacts)} contacts, {with_gclid} with GCLID__c")

    some = ", ".join(f"'{i}'" for i in ids[:50])
    history = sf.query_all(
        f"SELECT Id, OpportunityId, StageName, Amount, CreatedDate FROM OpportunityHistory WHERE OpportunityId IN ({some})",
        include_deleted=True)["records"]
    roles = sf.query_all(
        f"SELECT Id, OpportunityId, ContactId, IsPrimary FROM OpportunityContactRole WHERE OpportunityId IN ({some})")[
        "records"]
    check_records("OpportunityHistory", history, "OpportunityHistory", ["OpportunityId", "StageName", "Amount"])
    check_records("OpportunityContactRole", roles, "OpportunityContactRole", ["OpportunityId", "ContactId"])
    if len({h["OpportunityId"] for h in history}) != 50 or not roles:
        problem(f"child rows of 50 opportunities: history for {len({h['OpportunityId'] for h in history})}, "
                f"{len(roles)} contact roles")
    print(f"children of 50 opportunities: {len(history)} OpportunityHistory rows, {len(roles)} contact roles")

    # The activities the connector reads: Task calls and emails, Event meetings, through queryAll in a
    # SystemModstamp window ordered by (SystemModstamp, Id), deleted rows included.
    task_fields = ["Id", "WhoId", "CreatedDate", "SystemModstamp", "IsDeleted", "TaskSubtype", "CompletedDateTime"]
    tasks = sf.query_all(
        f"SELECT {', '.join(task_fields)} FROM Task WHERE SystemModstamp >= 1970-01-01T00:00:00Z "
        "AND TaskSubtype IN ('Call', 'Email') ORDER BY SystemModstamp ASC, Id ASC", include_deleted=True)["records"]
    check_records("query_all (queryAll) Task", tasks, "Task", task_fields)
    event_fields = ["Id", "WhoId", "CreatedDate", "SystemModstamp", "IsDeleted", "StartDateTime"]
    events = sf.query_all(
        f"SELECT {', '.join(event_fields)} FROM Event WHERE SystemModstamp >= 1970-01-01T00:00:00Z "
        "ORDER BY SystemModstamp ASC, Id ASC", include_deleted=True)["records"]
    check_records("query_all (queryAll) Event", events, "Event", event_fields)
    deleted_tasks = sum(1 for t in tasks if t["IsDeleted"])
    on_leads = sum(1 for t in tasks + events if str(t["WhoId"]).startswith("00Q"))
    if not tasks or not events or deleted_tasks == 0 or on_leads == 0:
        problem(f"activities: {len(tasks)} tasks ({deleted_tasks} deleted), {len(events)} events, {on_leads} on leads")
    if any(not DATETIME.match(e["StartDateTime"] or "") for e in events):
        problem("Event: StartDateTime is not in Salesforce's date-time format")
    print(f"query_all activities: {len(tasks)} call and email tasks ({deleted_tasks} deleted), {len(events)} events, "
          f"{on_leads} logged on converted leads")

    try:
        sdk(base, "00DSB0000000001AAA!expired-session").query("SELECT Id FROM Contact")
        problem("an expired session was accepted")
    except SalesforceExpiredSession as error:
        if error.status != 401 or error.content[0].get("errorCode") != "INVALID_SESSION_ID":
            problem(f"an expired session: {error.status} {error.content}")
    try:
        sf.query("SELECT Id FROM")
        problem("a malformed query was accepted")
    except SalesforceMalformedRequest as error:
        if error.status != 400 or error.content[0].get("errorCode") != "MALFORMED_QUERY":
            problem(f"a malformed query: {error.status} {error.content}")
    print("errors: SalesforceExpiredSession for INVALID_SESSION_ID, SalesforceMalformedRequest for MALFORMED_QUERY")

    if problems:
        print(f"{len(problems)} problems")
        sys.exit(1)
    print("salesforce conformance: OK")


if __name__ == "__main__":
    main()
