"""Open311 clients this project did not write, against a running portal (driven by
server/tests/suite/open311_clients.rs):

  post BASE KEY      civicbot files a request (JSON), checked against the live definitions;
                     a wrong key is refused with 403. Prints the token and the ticket number.
  read BASE TOKEN    georeport reads services, a definition, the request list and the
                     request itself, in JSON and in XML; civicbot exchanges the token.
                     Prints the public id.
"""
import sys

from civicbot.http import HttpError, HttpTransport, RateLimiter
from civicbot.open311 import Open311Client
from civicbot.registry import Endpoint
from georeport import GeoReport

SERVICE = "city.road-occupation"


def as_list(x):
    """xmltodict gives one repeated element as a dict, none as None."""
    if x is None:
        return []
    return x if isinstance(x, list) else [x]


def civicbot(base):
    endpoint = Endpoint(id="minsheng", name="Minsheng", base_url=base, write=True)
    transport = HttpTransport(rate_limiter=RateLimiter(min_interval=0))
    return Open311Client(endpoint, transport, jurisdiction_id="jining", fmt="json")


def post(base, key):
    client = civicbot(base)
    request = dict(
        lat=35.4150,
        lng=116.5870,
        address_string="古槐路 88 号东门",
        description="古槐路东门人行道上长期有摊贩占道经营，行人只能走机动车道。",
        first_name="三",
        last_name="张",
        phone="13805371234",
        attributes={"kind": "complaint", "street": "rencheng-guhuai", "publish_consent": "true"},
    )
    try:
        client.create_request(SERVICE, dry_run=False, confirm="SEND", api_key="not-a-key", **request)
        raise SystemExit("a wrong key was accepted")
    except HttpError as e:
        assert e.status == 403, (e.status, e.body)
    # validate_remote: the client checks the payload against our services and definition.
    sent = client.create_request(
        SERVICE, dry_run=False, confirm="SEND", api_key=key, validate_remote=True, **request
    )
    answer = sent.response[0]
    assert "service_request_id" not in answer, answer
    notice = answer["service_notice"]
    ticket = notice.split("工单号 ")[1].split("，")[0]
    print(answer["token"])
    print(ticket)


def read(base, token):
    exchanged = civicbot(base).get_token(token)
    request_id = exchanged[0]["service_request_id"]
    for fmt in ("json", "xml"):
        client = GeoReport(base, jurisdiction="jining", output_format=fmt)
        services = as_list(client.get_service_list())
        assert SERVICE in [s["service_code"] for s in services], services
        definition = client.get_service_definition(SERVICE)
        attributes = definition["attributes"]
        attributes = attributes if fmt == "json" else as_list(attributes["attribute"])
        street = next(a for a in attributes if a["code"] == "street")
        values = street["values"] if fmt == "json" else as_list(street["values"]["value"])
        assert "rencheng-guhuai" in [v["key"] for v in values], values
        listed = as_list(client.get_service_requests(service_request_id=request_id))
        assert [r["service_request_id"] for r in listed] == [request_id], listed
        one = client.get_service_request(request_id)
        assert one["service_code"] == SERVICE and one["status"] == "open", one
        assert "张三" not in str(one) and "13805371234" not in str(one), one
        opened = as_list(client.get_service_requests(status="open", service_code=SERVICE))
        assert request_id in [r["service_request_id"] for r in opened], opened
        try:
            client.get_service_request("999999")
            raise SystemExit("an unknown request was found")
        except Exception as e:  # requests.HTTPError
            assert getattr(e.response, "status_code", None) == 404, e
    print(request_id)


if __name__ == "__main__":
    mode, base, arg = sys.argv[1:4]
    {"post": post, "read": read}[mode](base, arg)
