"""Checks the HubSpot emulator of `revloop sandbox` against the official Python client's models.

Usage:
  hubspot_conformance.py BASE_URL

Two kinds of check, both with hubspot-api-client (pinned by hubspot.sh):
- The SDK itself calls the emulator's v3 endpoints (deals search, list with history and associations, batch read
  with history, v4 association batch read, contacts search, pipelines, and the engagements: meetings, calls and
  emails searched by hs_lastmodifieddate with their v4 associations to contacts) and parses every answer into its
  models; searches are paged through to the end by echoing paging.next.after.
- The 2026-03 paths are fetched raw and parsed with the SDK's deserializer into the same models (crms.md 5.2),
  since the 12.0.0 client only speaks v3.
Then the documented rules the models cannot express: property values are strings or null, toObjectId is a JSON
number, no paging on the last page, 400 past the 10,000-result search cap, 429/401/530 bodies.

Problems are printed one a line; property values (emails, phones) are never printed. Exits 1 on any problem.
"""
import json
import sys
import urllib.error
import urllib.request

from hubspot.crm.associations.v4 import ApiClient as AssociationsClient
from hubspot.crm.associations.v4 import BatchApi as AssociationsBatchApi
from hubspot.crm.associations.v4 import Configuration as AssociationsConfiguration
from hubspot.crm.associations.v4.models import (
    BatchInputPublicFetchAssociationsBatchRequest,
    PublicFetchAssociationsBatchRequest,
)
from hubspot.crm.contacts import ApiClient as ContactsClient
from hubspot.crm.contacts import Configuration as ContactsConfiguration
from hubspot.crm.contacts import SearchApi as ContactsSearchApi
from hubspot.crm.contacts.models import PublicObjectSearchRequest as ContactsSearchRequest
from hubspot.crm.deals import ApiClient as DealsClient
from hubspot.crm.deals import BasicApi as DealsBasicApi
from hubspot.crm.deals import BatchApi as DealsBatchApi
from hubspot.crm.deals import Configuration as DealsConfiguration
from hubspot.crm.deals import SearchApi as DealsSearchApi
from hubspot.crm.deals.exceptions import ApiException
from hubspot.crm.deals.models import (
    BatchReadInputSimplePublicObjectId,
    Filter,
    FilterGroup,
    PublicObjectSearchRequest,
    SimplePublicObjectId,
)
from hubspot.crm.objects.calls import ApiClient as CallsClient
from hubspot.crm.objects.calls import Configuration as CallsConfiguration
from hubspot.crm.objects.calls import SearchApi as CallsSearchApi
from hubspot.crm.objects.emails import ApiClient as EmailsClient
from hubspot.crm.objects.emails import Configuration as EmailsConfiguration
from hubspot.crm.objects.emails import SearchApi as EmailsSearchApi
from hubspot.crm.objects.meetings import ApiClient as MeetingsClient
from hubspot.crm.objects.meetings import Configuration as MeetingsConfiguration
from hubspot.crm.objects.meetings import SearchApi as MeetingsSearchApi
from hubspot.crm.objects.meetings.models import Filter as EngagementFilter
from hubspot.crm.objects.meetings.models import FilterGroup as EngagementFilterGroup
from hubspot.crm.objects.meetings.models import PublicObjectSearchRequest as EngagementSearchRequest
from hubspot.crm.pipelines import ApiClient as PipelinesClient
from hubspot.crm.pipelines import Configuration as PipelinesConfiguration
from hubspot.crm.pipelines import PipelinesApi

TOKEN = "pat-na1-conformance-check"
problems = []


def problem(message):
    problems.append(message)
    print("problem:", message)


class _Raw:  # the minimum the SDK deserializer reads
    def __init__(self, data):
        self.data = data


def configured(configuration_class, base):
    """The SDK's configuration for the emulator: its host, and the bearer token the client would send."""
    configuration = configuration_class(host=base)
    configuration.access_token = TOKEN
    return configuration


def raw(base, method, path, body=None, token=TOKEN):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Authorization", f"Bearer {token}")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def check_properties(where, objects):
    for index, obj in enumerate(objects):
        for name, value in (obj.properties or {}).items():
            if value is not None and not isinstance(value, str):
                problem(f"{where} result {index}: property '{name}' is not a string or null")


def sdk_checks(base):
    deals = DealsClient(configured(DealsConfiguration, base))
    search = DealsSearchApi(deals)
    window = FilterGroup(filters=[Filter(property_name="hs_lastmodifieddate", operator="GTE", value="0")])
    after, pages, seen, total = None, 0, 0, None
    while True:
        request = PublicObjectSearchRequest(
            filter_groups=[window], sorts=["hs_object_id"], properties=["amount", "dealstage", "pipeline", "closedate"],
            limit=200, after=after)
        page = search.do_search(public_object_search_request=request)
        pages += 1
        seen += len(page.results)
        total = page.total
        check_properties("deals search", page.results)
        if page.paging is None or page.paging.next is None:
            break
        after = page.paging.next.after
    if seen != total:
        problem(f"deals search: paged through {seen} results, total says {total}")
    print(f"sdk deals search: {pages} pages, {seen} deals parsed as "
          "CollectionResponseWithTotalSimplePublicObjectForwardPaging")

    try:
        search.do_search(public_object_search_request=PublicObjectSearchRequest(limit=200, after="9900"))
        problem("deals search past 10,000 results was not refused")
    except ApiException as error:
        body = json.loads(error.body)
        if error.status != 400 or body.get("category") != "VALIDATION_ERROR" or body.get("status") != "error":
            problem(f"deals search past the cap: expected 400 VALIDATION_ERROR, got {error.status}")
        parsed = deals.deserialize(_Raw(error.body), "Error")
        print(f"sdk: search past the cap -> {error.status}, parsed as Error (category {parsed.category})")

    listed = DealsBasicApi(deals).get_page(
        limit=50, properties=["amount", "dealstage"], properties_with_history=["dealstage"], associations=["contacts"])
    check_properties("deals list", listed.results)
    if not any(r.properties_with_history and r.properties_with_history.get("dealstage") for r in listed.results):
        problem("deals list: no dealstage history came back")
    archived = DealsBasicApi(deals).get_page(limit=50, archived=True)
    if not archived.results or not all(r.archived and r.archived_at for r in archived.results):
        problem("deals list archived=true: expected archived deals with archivedAt")
    print(f"sdk deals list: {len(listed.results)} deals with history and associations, {len(archived.results)} archived")

    ids = [r.id for r in listed.results[:50]]
    batch = DealsBatchApi(deals).read(
        BatchReadInputSimplePublicObjectId(
            inputs=[SimplePublicObjectId(id=i) for i in ids], properties=["amount", "dealstage"],
            properties_with_history=["dealstage", "amount"]))
    if len(batch.results) != len(ids):
        problem(f"deals batch read: {len(batch.results)} results for {len(ids)} ids")
    check_properties("deals batch read", batch.results)
    print(f"sdk deals batch read: {len(batch.results)} deals parsed as BatchResponseSimplePublicObject")

    associations = AssociationsBatchApi(AssociationsClient(configured(AssociationsConfiguration, base)))
    answer = associations.get_page(
        "deals", "contacts",
        BatchInputPublicFetchAssociationsBatchRequest(inputs=[PublicFetchAssociationsBatchRequest(id=i) for i in ids]))
    if not answer.results:
        problem("association batch read: no results")
    for result in answer.results:
        for to in result.to:
            if not isinstance(to.to_object_id, str) or not to.to_object_id.isdigit():
                problem("association batch read: toObjectId did not parse to a numeric string")
    print(f"sdk v4 association batch read: {len(answer.results)} deals parsed as "
          "BatchResponsePublicAssociationMultiWithLabel")

    contacts = ContactsSearchApi(ContactsClient(configured(ContactsConfiguration, base)))
    click_properties = ["hs_google_click_id", "hs_facebook_click_id", "hs_linkedin_click_id"]
    page = contacts.do_search(
        public_object_search_request=ContactsSearchRequest(properties=click_properties, limit=200))
    check_properties("contacts search", page.results)
    clicks = {name: sum(1 for r in page.results if r.properties.get(name))
              for name in ("hs_google_click_id", "hs_facebook_click_id", "hs_linkedin_click_id")}
    if not all(clicks.values()):
        problem(f"contacts search: a click-id property is never filled ({clicks})")
    print(f"sdk contacts search: {len(page.results)} contacts; click ids filled: {clicks}")

    pipelines = PipelinesApi(PipelinesClient(configured(PipelinesConfiguration, base))).get_all("deals")
    for pipeline in pipelines.results:
        for stage in pipeline.stages:
            if not all(isinstance(v, str) for v in (stage.metadata or {}).values()):
                problem(f"pipeline {pipeline.id} stage {stage.id}: metadata values are not strings")
    print(f"sdk pipelines: {len(pipelines.results)} pipelines parsed as CollectionResponsePipelineNoPaging")


def engagement_checks(base):
    """Meetings, calls and emails as the connector reads them: searched in an hs_lastmodifieddate window in id
    order with hs_timestamp, paged to the end, and one page's contacts by v4 batch association read."""
    associations = AssociationsBatchApi(AssociationsClient(configured(AssociationsConfiguration, base)))
    for name, client, configuration, api in (
            ("meetings", MeetingsClient, MeetingsConfiguration, MeetingsSearchApi),
            ("calls", CallsClient, CallsConfiguration, CallsSearchApi),
            ("emails", EmailsClient, EmailsConfiguration, EmailsSearchApi)):
        search = api(client(configured(configuration, base)))
        window = EngagementFilterGroup(filters=[
            EngagementFilter(property_name="hs_lastmodifieddate", operator="GTE", value="0")])
        after, pages, seen, total, first = None, 0, 0, None, None
        while True:
            # The engagement packages' request models are alike; the meetings one serializes for all three.
            request = EngagementSearchRequest(
                filter_groups=[window], sorts=["hs_object_id"], properties=["hs_timestamp", "hs_lastmodifieddate"],
                limit=200, after=after)
            page = search.do_search(public_object_search_request=request)
            pages += 1
            seen += len(page.results)
            total = page.total
            first = first or page.results
            check_properties(f"{name} search", page.results)
            if any(not (r.properties or {}).get("hs_timestamp") for r in page.results):
                problem(f"{name} search: an engagement without hs_timestamp")
            if page.paging is None or page.paging.next is None:
                break
            after = page.paging.next.after
        if not seen or seen != total:
            problem(f"{name} search: paged through {seen} results, total says {total}")
        ids = [r.id for r in (first or [])[:100]]
        answer = associations.get_page(
            name, "contacts",
            BatchInputPublicFetchAssociationsBatchRequest(inputs=[PublicFetchAssociationsBatchRequest(id=i) for i in ids]))
        if len(answer.results) != len(ids) or not all(result.to for result in answer.results):
            problem(f"{name} associations: {len(answer.results)} results for {len(ids)} engagements")
        print(f"sdk {name}: {pages} search pages, {seen} parsed as "
              f"CollectionResponseWithTotalSimplePublicObjectForwardPaging; contacts of {len(answer.results)} by v4 "
              "batch read")
    status, body = raw(base, "POST", "/crm/objects/2026-03/calls/search",
                       {"limit": 100, "sorts": [{"propertyName": "hs_object_id", "direction": "ASCENDING"}],
                        "properties": ["hs_timestamp"]})
    if status != 200:
        problem(f"2026-03 calls search: status {status}")
        return
    page = CallsClient().deserialize(_Raw(body), "CollectionResponseWithTotalSimplePublicObjectForwardPaging")
    ids = [r.id for r in page.results]
    status, body = raw(base, "POST", "/crm/associations/2026-03/calls/contacts/batch/read",
                       {"inputs": [{"id": i} for i in ids]})
    answer = AssociationsClient().deserialize(_Raw(body), "BatchResponsePublicAssociationMultiWithLabel")
    print(f"2026-03 engagements: calls search ({len(page.results)}) and their associations ({len(answer.results)}) "
          "parsed by the SDK's deserializer")


def dated_checks(base):
    deals = DealsClient()
    status, body = raw(base, "POST", "/crm/objects/2026-03/deals/search",
                       {"limit": 200, "sorts": [{"propertyName": "hs_object_id", "direction": "ASCENDING"}],
                        "properties": ["amount", "dealstage"]})
    if status != 200:
        problem(f"2026-03 deals search: status {status}")
        return
    page = deals.deserialize(_Raw(body), "CollectionResponseWithTotalSimplePublicObjectForwardPaging")
    check_properties("2026-03 deals search", page.results)
    ids = [r.id for r in page.results[:100]]
    status, body = raw(base, "POST", "/crm/associations/2026-03/deals/contacts/batch/read",
                       {"inputs": [{"id": i} for i in ids]})
    raw_numbers = all(isinstance(to["toObjectId"], int) for r in json.loads(body)["results"] for to in r["to"])
    if not raw_numbers:
        problem("2026-03 associations: toObjectId is not a JSON number on the wire")
    answer = AssociationsClient().deserialize(_Raw(body), "BatchResponsePublicAssociationMultiWithLabel")
    status, body = raw(base, "POST", "/crm/objects/2026-03/deals/batch/read",
                       {"inputs": [{"id": i} for i in ids[:10]] + [{"id": "999999999"}], "properties": ["amount"],
                        "propertiesWithHistory": ["dealstage"]})
    if status != 207:
        problem(f"2026-03 batch read with a missing id: status {status}, expected 207")
    with_errors = deals.deserialize(_Raw(body), "BatchResponseSimplePublicObjectWithErrors")
    print(f"2026-03 paths: search ({len(page.results)} deals), associations ({len(answer.results)} deals) and a batch "
          f"read with {with_errors.num_errors} error parsed by the SDK's deserializer")

    status, body = raw(base, "GET", "/crm/v3/pipelines/deals", token="not a token")
    if status != 530:
        problem(f"a malformed token: status {status}, expected 530")
    status, body = raw(base, "GET", "/crm/v3/pipelines/deals", token="")
    error = json.loads(body) if status == 401 else {}
    if status != 401 or error.get("category") != "INVALID_AUTHENTICATION":
        problem(f"no token: status {status}, expected 401 INVALID_AUTHENTICATION")
    print("errors: 530 for a malformed token, 401 INVALID_AUTHENTICATION for none")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    base = sys.argv[1].rstrip("/")
    sdk_checks(base)
    engagement_checks(base)
    dated_checks(base)
    if problems:
        print(f"{len(problems)} problems")
        sys.exit(1)
    print("hubspot conformance: OK")


if __name__ == "__main__":
    main()
