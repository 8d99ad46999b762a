"""Contract tests: requests generated from the committed openapi/cddp.yaml against the live server (issue #13 "Proof").

Schemathesis builds requests for every operation of the contract (valid ones, and then invalid ones) and sends them
over real HTTP on 127.0.0.1 to `scripts/cddp-server serve` on each store (the `server` fixture: SQLite and the tests'
temporary PostgreSQL cluster), signed in as a real user (`admin1` of 330506, made with `cddp-server user add`). Every
answer must:
- never be a server error (5xx);
- have a status code the contract documents for that operation, with the documented content type;
- match the documented response schema.
Invalid requests (wrong types, missing fields, malformed bodies) must be refused with a 4xx, never accepted.

Sized for a 2-core machine: a fixed number of examples per operation and a fixed seed (derandomize), no example
database; the `muni` path parameter is the signed-in user's municipality so the requests reach the rules rather than
stopping at the 403 of another municipality's path (tests/server/test_access.py covers that).
"""

from __future__ import annotations

from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
hypothesis = pytest.importorskip("hypothesis")

from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from tests.server.conftest import MUNI  # noqa: E402

CONTRACT = Path(__file__).resolve().parents[2] / "openapi" / "cddp.yaml"
EXAMPLES = 25  # per operation and store, valid requests
NEGATIVE_EXAMPLES = 10  # per operation and store, invalid requests
POSITIVE_CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
NEGATIVE_CHECKS = [not_a_server_error, negative_data_rejection]


def _operations():
    schema = schemathesis.openapi.from_path(str(CONTRACT))
    ops = [result.ok() for result in schema.get_all_operations()]
    assert len(ops) >= 10, f"the contract has only {len(ops)} operations"
    return ops


def _run(operation, mode, examples: int, checks, base_url: str, headers: dict) -> dict[str, str]:
    """Send `examples` generated requests for one operation; the failures found: one example per kind (the checks
    failed and the status received), without the Authorization header."""
    failures: dict[str, str] = {}

    @hypothesis.settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        suppress_health_check=list(hypothesis.HealthCheck),
        print_blob=False,
    )
    @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        if mode == GenerationMode.POSITIVE and "muni" in (case.path_parameters or {}):
            case.path_parameters["muni"] = MUNI  # (an invalid request keeps its invalid municipality code)
        try:
            case.call_and_validate(base_url=base_url, headers=headers, checks=checks, timeout=30)
        except (Exception, BaseExceptionGroup) as exc:  # failed checks: keep going, report every operation at once
            lines = [line.strip() for line in str(exc).splitlines() if line.strip() and "Authorization" not in line]
            kinds = [line for line in lines if line.startswith("- ST") or line.startswith("Received:")]
            key = f"{operation.method.upper()} {operation.path}: {'; '.join(kinds) or lines[0]}"
            failures.setdefault(key, f"{key}\n    e.g. {' | '.join(lines[:8])[:600]}")

    try:
        run()
    except hypothesis.errors.Unsatisfiable:
        pass  # nothing to make invalid (no parameters, no body): GET /v1/meta in negative mode
    return failures


@pytest.fixture(scope="module")
def admin_headers(server):
    return {"Authorization": f"Bearer {server.token('admin1')['access_token']}"}


def test_every_operation_answers_as_the_contract_says(server, admin_headers):
    failures = {}
    for op in _operations():
        failures |= _run(op, GenerationMode.POSITIVE, EXAMPLES, POSITIVE_CHECKS, server.url, admin_headers)
    assert not failures, (
        f"{len(failures)} kinds of answer break the contract (fix cddp_server; document an intended status in the "
        "route's `responses=` and run scripts/openapi.py --write):\n" + "\n".join(sorted(failures.values()))
    )
    assert server.proc.poll() is None, "the server died during the contract run"


def test_invalid_requests_are_refused_with_a_4xx(server, admin_headers):
    failures = {}
    for op in _operations():
        failures |= _run(op, GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES, NEGATIVE_CHECKS, server.url, admin_headers)
    assert not failures, f"{len(failures)} kinds of invalid request not refused:\n" + "\n".join(
        sorted(failures.values())
    )
    assert server.proc.poll() is None, "the server died during the contract run"


def test_what_the_contract_run_found_is_refused_alike_on_both_stores(server, clients):
    """Regressions of the first contract run, which found 500s on PostgreSQL: a NUL character in text (PostgreSQL
    text cannot hold it; SQLite could) and a cursor beyond 64 bits. Each is now a 4xx with a reason on both stores."""
    from tests.server import helpers

    r = server.client.post("/v1/auth/token", json={"username": "gis1\x00", "password": "x"})
    assert r.status_code in (401, 422), r.text
    values, geom = helpers.prueyai_parcels()[0]
    r = helpers.push(clients["gis1"], [helpers.insert("parcels", {**values, "parcel_code": "01A\x00001"}, geom)])
    assert r.status_code == 200, r.text
    (result,) = r.json()["results"]
    assert result["status"] == "rejected" and "NUL" in result["reason"] and result.get("field") == "parcel_code"
    r = clients["gis1"].get("changes", params={"since": 2**63})
    assert r.status_code == 422 and "since" in r.text
