"""Tokens, municipalities, roles and PDPA over real HTTP; blobs by hash, resumable."""

from __future__ import annotations

import hashlib
import time
import uuid

import httpx
from sqlalchemy import select

from cddp_server import db

from .conftest import MUNI, OTHER, PASSWORD, Server
from .helpers import insert, pull_all, push


def test_meta_token_refresh_rotation_and_expiry(server, store, tmp_path):
    meta = server.client.get("/v1/meta").json()
    assert meta["api_version"] == "v1" and meta["schema_version"] >= 1 and meta["limits"]["max_batch"] == 1000
    tok = server.token("gis1")
    assert tok["expires_in"] == 900 and tok["access_token"] and tok["refresh_token"]
    bad = server.client.post("/v1/auth/token", json={"username": "gis1", "password": "wrong-password"})
    assert bad.status_code == 401
    new = server.client.post("/v1/auth/refresh", json={"refresh_token": tok["refresh_token"]})
    assert new.status_code == 200 and new.json()["refresh_token"] != tok["refresh_token"]
    # a spent refresh token is refused and revokes its family (the newer one too)
    assert server.client.post("/v1/auth/refresh", json={"refresh_token": tok["refresh_token"]}).status_code == 401
    assert (
        server.client.post("/v1/auth/refresh", json={"refresh_token": new.json()["refresh_token"]}).status_code == 401
    )
    short = Server(store, tmp_path, access_ttl=3)
    try:
        t = short.token("gis1")["access_token"]
        h = {"Authorization": f"Bearer {t}"}
        assert short.client.get(f"/v1/t/{MUNI}/schema", headers=h).status_code == 200
        time.sleep(3.5)
        r = short.client.get(f"/v1/t/{MUNI}/schema", headers=h)
        assert r.status_code == 401 and "expired" in r.json()["detail"]
    finally:
        short.stop()


def test_401_without_token_403_on_another_municipality(server, clients):
    assert server.client.get(f"/v1/t/{MUNI}/changes").status_code == 401
    r = server.client.get(f"/v1/t/{MUNI}/changes", headers={"Authorization": "Bearer nonsense"})
    assert r.status_code == 401
    pw = clients["gis_pw"]  # a Pathum Wan user
    other = httpx.Client(base_url=server.url, headers=pw.headers)
    for method, path in (("GET", "changes"), ("POST", "push"), ("GET", "schema"), ("GET", "conflicts")):
        r = other.request(method, f"/v1/t/{MUNI}/{path}", json={"changes": []} if method == "POST" else None)
        assert r.status_code == 403 and OTHER in r.json()["detail"], (path, r.text)
    assert pw.get("changes").status_code == 200


def test_roles_viewer_cannot_push_inspector_never_receives_residents(server, clients):
    reg, insp, view, admin = clients["reg1"], clients["insp1"], clients["view1"], clients["admin1"]
    r = push(view, [insert("villages", {"village_no": 9})])
    assert r.status_code == 403 and "viewer" in r.json()["detail"]
    hh = insert("households", {"house_no": "12/3", "village_no": 5, "members": 4})
    person = insert("residents", {"household_uuid": hh["uuid"], "pseudo_id": "R-0001", "dependency": "bedridden",
                                  "care_colour": "red"})  # fmt: skip
    res = push(reg, [hh, person]).json()["results"]
    assert [x["status"] for x in res] == ["applied", "applied"]
    assert push(reg, [{"change_id": uuid.uuid4().hex, "layer": "residents", "uuid": person["uuid"], "op": "delete",
                       "base_version": res[1]["version"]}]).json()["results"][0]["status"] == "applied"  # fmt: skip
    reg_feed, _, _ = pull_all(reg)
    assert [c["op"] for c in reg_feed if c["layer"] == "residents"] == ["insert", "delete"]
    for client in (insp, view):
        feed, _, _ = pull_all(client)
        assert not [c for c in feed if c["layer"] == "residents"]  # no row, no tombstone
        assert client.get("layers/residents/snapshot").status_code == 403
        schema = client.get("schema").json()
        assert "residents" not in {layer["name"] for layer in schema["layers"]}
    viewed = next(c for c in pull_all(view)[0] if c["uuid"] == hh["uuid"])
    assert "house_no" not in viewed["values"] and "members" not in viewed["values"]  # personal fields hidden
    seen = next(c for c in pull_all(insp)[0] if c["uuid"] == hh["uuid"])
    assert seen["values"]["house_no"] == "12/3"
    snap = admin.get("layers/households/snapshot").json()
    assert hh["uuid"] in {f["uuid"] for f in snap["features"]}


def test_every_read_of_personal_data_is_logged_and_no_secret_reaches_the_log(server, store, clients):
    reg = clients["reg1"]
    hh = insert("households", {"house_no": "12/3", "village_no": 5})
    person = insert("residents", {"household_uuid": hh["uuid"], "pseudo_id": "R-0002", "dependency": "bedridden"})
    assert [x["status"] for x in push(reg, [hh, person]).json()["results"]] == ["applied", "applied"]
    pull_all(reg)
    assert person["uuid"] in {f["uuid"] for f in reg.get("layers/residents/snapshot").json()["features"]}
    engine = db.make_engine(store)
    t = db.access_log
    with engine.connect() as con:
        rows = con.execute(select(t.c.username, t.c.action, t.c.layer, t.c.fields).where(t.c.municipality_code == MUNI))
        rows = rows.all()
    engine.dispose()
    assert {("reg1", "pull", "residents"), ("reg1", "snapshot", "residents")} <= {r[:3] for r in rows}
    assert all("bedridden" not in str(r[3]) and "12/3" not in str(r[3]) for r in rows)  # names, never values
    tok = server.token("gis1")
    server.client.post("/v1/auth/refresh", json={"refresh_token": tok["refresh_token"]})
    server.client.post("/v1/auth/token", json={"username": "gis1", "password": 12345})  # 422 names the field only
    log = server.log.read_text()
    assert "POST /v1/auth/token 200" in log and f"GET /v1/t/{MUNI}/changes 200" in log
    for secret in (PASSWORD, tok["access_token"], tok["refresh_token"], reg.headers["authorization"][7:]):
        assert secret not in log


def test_blobs_by_hash_wrong_hash_refused_and_resumable_two_part_upload(clients):
    insp = clients["insp1"]
    data = bytes(range(256)) * 4096 + "ภาพถ่ายหน้างาน".encode()  # ~1 MB
    sha = hashlib.sha256(data).hexdigest()
    assert insp.head(f"blobs/{sha}").status_code == 404
    wrong = hashlib.sha256(b"other").hexdigest()
    r = insp.put(f"blobs/{wrong}", content=data)
    assert r.status_code == 422 and "SHA-256" in r.json()["detail"]
    assert insp.head(f"blobs/{wrong}").status_code == 404
    half = len(data) // 2
    r1 = insp.put(f"blobs/{sha}", content=data[:half], headers={"Content-Range": f"bytes 0-{half - 1}/{len(data)}"})
    assert r1.status_code == 202
    head = insp.head(f"blobs/{sha}")
    assert head.status_code == 404 and head.headers["upload-offset"] == str(half)
    r_gap = insp.put(f"blobs/{sha}", content=data[half + 1 :],
                     headers={"Content-Range": f"bytes {half + 1}-{len(data) - 1}/{len(data)}"})  # fmt: skip
    assert r_gap.status_code == 409
    r2 = insp.put(f"blobs/{sha}", content=data[half:],
                  headers={"Content-Range": f"bytes {half}-{len(data) - 1}/{len(data)}"})  # fmt: skip
    assert r2.status_code == 201
    assert insp.head(f"blobs/{sha}").status_code == 200
    assert insp.get(f"blobs/{sha}").content == data
    # a change that needs a blob not uploaded yet: retry; after the upload: applied
    missing = hashlib.sha256(b"not yet").hexdigest()
    ev = dict(insert("road_inspections", {"section_uuid": str(uuid.uuid4()), "inspected_on": "2026-01-31"}),
              attachments=[missing])  # fmt: skip
    assert push(insp, [ev]).json()["results"][0]["status"] == "retry"
    assert insp.put(f"blobs/{missing}", content=b"not yet").status_code == 201
    assert push(insp, [ev]).json()["results"][0]["status"] == "applied"
