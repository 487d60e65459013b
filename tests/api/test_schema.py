"""The OpenAPI document is valid, and the API keeps to it: schemathesis calls every operation with
examples drawn from the document, on a live server holding a small realistic world."""

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import open_data_world

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.mark.unit
def test_the_openapi_document_is_valid():
    document = SchemaGenerator().get_schema(request=None, public=True)

    validate_schema(document)  # raises on an invalid document
    assert {"/api/v1/calls/", "/api/v1/consultations/{slug}/", "/api/v1/organizations/"} <= set(document["paths"])
    assert {
        "/api/v1/indicators/",
        "/api/v1/indicators/{slug}/",
        "/api/v1/call-records/",
        "/api/v1/call-records/{id}/",
    } <= set(document["paths"])


@pytest.mark.integration
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the live server needs the reference data
def test_every_operation_keeps_to_the_document(live_server, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    settings.API_RATE = "100000/minute"
    world = open_data_world()
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/?format=json")
    operations = [result.ok() for result in schema.get_all_operations()]
    failures = []

    # Objects that exist, which random examples would seldom hit: their whole answers keep to the document too.
    for path, parameters, query in [
        ("/api/v1/indicators/{slug}/", {"slug": "ended"}, None),
        ("/api/v1/indicators/", {}, {"region": "ECE"}),
        ("/api/v1/call-records/{id}/", {"id": world["run"].pk}, None),
        ("/api/v1/call-records/{id}/", {"id": world["run"].pk}, {"lang": "ar"}),
    ]:
        case = schema[path]["GET"].Case(path_parameters=parameters, query=query)
        response = case.call(base_url=live_server.url)
        assert response.status_code == 200, (path, response.status_code)
        try:
            case.validate_response(response, checks=CHECKS)
        except Exception as error:
            failures.append(f"{path} {parameters}: {str(error)[:600]}")

    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=10,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is reported as found
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(base_url=live_server.url, checks=CHECKS)

        try:
            check()
        except Exception as error:
            failures.append(f"{operation.label}: {str(error)[:600]}")

    assert len(operations) >= 21
    assert failures == []
