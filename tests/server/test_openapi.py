"""The committed contract openapi/cddp.yaml (OpenAPI 3.1) is what the server serves (issue #13 "The contract").

CI fails when the server drifts from the committed file: `scripts/openapi.py --check` regenerates the document from
cddp_server and compares it with openapi/cddp.yaml; the live server's /openapi.json over real HTTP must equal it too.
When a change is intended, run `.venv/bin/python scripts/openapi.py --write` and commit openapi/cddp.yaml.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")
pytest.importorskip("cddp_server.app")

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "openapi.py"
CONTRACT = ROOT / "openapi" / "cddp.yaml"
FIX = "run `make openapi` (.venv/bin/python scripts/openapi.py --write) and commit openapi/cddp.yaml"


def _check(*extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--check", *extra], capture_output=True, text=True, timeout=120, cwd=ROOT
    )


@pytest.fixture(scope="module")
def contract() -> dict:
    assert CONTRACT.exists(), f"{CONTRACT} is missing: {FIX}"
    return yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))


def test_the_server_has_not_drifted_from_the_committed_contract():
    done = _check()
    assert done.returncode == 0, f"{done.stderr[-4000:]}\n(the server differs from {CONTRACT}: {FIX})"


def test_the_drift_check_fails_on_a_changed_contract(tmp_path, contract):
    """The check can fail: a contract with one path removed and one response changed is refused, with a diff and
    the command that fixes it."""
    changed = dict(contract)
    paths = dict(changed["paths"])
    gone = sorted(paths)[0]
    del paths[gone]
    changed["paths"] = paths
    stale = tmp_path / "cddp.yaml"
    stale.write_text(yaml.safe_dump(changed, sort_keys=False, allow_unicode=True), encoding="utf-8")
    done = _check("--file", str(stale))
    assert done.returncode == 1
    assert "scripts/openapi.py --write" in done.stderr
    assert gone in done.stderr  # the diff names what differs
    assert _check("--file", str(tmp_path / "absent.yaml")).returncode == 1


def _path(contract: dict, pattern: str) -> dict:
    """The path item whose template matches `pattern` ({…} stands for any parameter name)."""
    rx = re.compile("^" + re.escape(pattern).replace(r"\{…\}", r"\{[a-z_0-9]+\}") + "$")
    found = [p for p in contract["paths"] if rx.match(p)]
    assert found, f"{pattern} is not in the contract; paths: {sorted(contract['paths'])}"
    return contract["paths"][found[0]]


def test_the_contract_is_openapi_3_1_with_the_paths_of_sync_md(contract):
    assert contract["openapi"].startswith("3.1."), contract["openapi"]
    assert contract["info"]["title"] and contract["info"]["version"]
    assert "get" in _path(contract, "/v1/meta")
    assert "post" in _path(contract, "/v1/auth/token")
    assert "get" in _path(contract, "/v1/t/{…}/schema")
    changes = _path(contract, "/v1/t/{…}/changes")["get"]
    assert {"since", "limit"} <= {p["name"] for p in changes.get("parameters", [])}
    push = _path(contract, "/v1/t/{…}/push")["post"]
    assert "idempotency-key" in {p["name"].lower() for p in push.get("parameters", [])}
    assert "get" in _path(contract, "/v1/t/{…}/layers/{…}/snapshot")
    assert "get" in _path(contract, "/v1/t/{…}/conflicts")
    blobs = _path(contract, "/v1/t/{…}/blobs/{…}")
    assert {"head", "get", "put"} <= set(blobs), sorted(blobs)


def test_the_push_statuses_are_the_six_of_sync_md(contract):
    text = CONTRACT.read_text(encoding="utf-8")
    for status in ("applied", "merged", "duplicate", "conflict", "rejected", "retry"):
        assert re.search(rf"\b{status}\b", text), f"push status {status!r} is not in the contract"
    schemas = contract.get("components", {}).get("schemas", {})
    enums = [s.get("enum") for s in schemas.values() if isinstance(s, dict) and s.get("enum")]
    enums += [
        prop.get("enum")
        for s in schemas.values()
        for prop in (s.get("properties") or {}).values()
        if isinstance(prop, dict) and prop.get("enum")
    ]
    statuses = {"applied", "merged", "duplicate", "conflict", "rejected", "retry"}
    assert any(set(e) == statuses for e in enums), "the change result's status is an enum of exactly the six statuses"


def test_the_live_server_serves_the_committed_contract(server, contract):
    """Over real HTTP, on each store: /openapi.json is the committed document (the store changes nothing in it)."""
    r = server.client.get("/openapi.json")
    assert r.status_code == 200, r.text
    assert r.json() == contract, f"the running server differs from {CONTRACT}: {FIX}"
