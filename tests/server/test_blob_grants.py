"""Photos follow the grants (PDPA), over real HTTP on both stores: a blob is answered only to a role that may read a
layer referencing it (blob_refs) or to a user who sent its bytes; anyone else gets the 404 of a missing blob; a
person's erasure removes their photos' references and the bytes nothing else references."""

from __future__ import annotations

import hashlib
import subprocess
import uuid

from sqlalchemy import select

from cddp_server import db

from .conftest import CLI, MUNI
from .helpers import insert, pull_all, push


def _photo(label: str) -> tuple[bytes, str]:
    data = f"JPEG? ภาพถ่าย {label} {uuid.uuid4().hex}".encode() * 2000  # ~100 kB, unique per test run
    return data, hashlib.sha256(data).hexdigest()


def _statuses(r) -> list[str]:
    assert r.status_code == 200, r.text
    return [x["status"] for x in r.json()["results"]]


def _rows(store: str, table, **where) -> list:
    engine = db.make_engine(store)
    try:
        with engine.connect() as con:
            q = select(table).where(*(table.c[k] == v for k, v in where.items()))
            return con.execute(q).all()
    finally:
        engine.dispose()


def test_a_residents_photo_is_404_to_an_inspector_readable_by_the_registrar_and_a_work_order_photo_by_both(
    server, store, clients
):
    reg, insp, gis, admin = clients["reg1"], clients["insp1"], clients["gis1"], clients["admin1"]
    face, face_sha = _photo("resident")
    crack, crack_sha = _photo("work order")
    assert reg.put(f"blobs/{face_sha}", content=face).status_code == 201
    assert insp.put(f"blobs/{crack_sha}", content=crack).status_code == 201
    hh = insert("households", {"house_no": "7/1", "village_no": 2})
    person = dict(
        insert("residents", {"household_uuid": hh["uuid"], "dependency": "bedridden"}), attachments=[face_sha]
    )
    assert _statuses(push(reg, [hh, person])) == ["applied", "applied"]
    wo = dict(insert("work_orders", {"wo_number": f"WO-{uuid.uuid4().hex[:6]}", "status": "new"}),
              attachments=[crack_sha])  # fmt: skip
    assert _statuses(push(insp, [wo])) == ["applied"]
    refs = {(r.layer, r.uuid) for r in _rows(store, db.blob_refs, municipality_code=MUNI, sha256=face_sha)}
    assert refs == {("residents", person["uuid"])}

    missing = hashlib.sha256(b"never uploaded").hexdigest()
    for client in (insp, gis, clients["view1"], clients["co1"]):  # roles that may not read residents
        r = client.get(f"blobs/{face_sha}")
        assert r.status_code == 404, r.text  # not 403: do not confirm that the photo exists
        assert r.json()["detail"] == client.get(f"blobs/{missing}").json()["detail"].replace(missing, face_sha)
        assert client.head(f"blobs/{face_sha}").status_code == 404
        assert client.get(f"blobs/{crack_sha}").content == crack  # the work order's photo: readable
        assert client.head(f"blobs/{crack_sha}").status_code == 200
    for client in (reg, admin):
        assert client.head(f"blobs/{face_sha}").status_code == 200
        assert client.get(f"blobs/{face_sha}").content == face
    logged = _rows(store, db.access_log, municipality_code=MUNI, action="blob")
    assert {(r.username, r.layer) for r in logged} >= {("reg1", "residents"), ("admin1", "residents")}
    assert not [r for r in logged if r.username == "insp1"]

    # an inspector cannot borrow the photo by attaching its hash to a change of its own: retry (upload it)
    sneaky = dict(insert("work_orders", {"wo_number": f"WO-{uuid.uuid4().hex[:6]}", "status": "new"}),
                  attachments=[face_sha])  # fmt: skip
    res = push(insp, [sneaky]).json()["results"][0]
    assert res["status"] == "retry" and res["code"] == "missing_blob"
    assert insp.get(f"blobs/{face_sha}").status_code == 404
    # PUT of a stored blob: "already stored" only to a reader; others must send the bytes, checked by hash
    assert reg.put(f"blobs/{face_sha}", content=b"").status_code == 200
    wrong = insp.put(f"blobs/{face_sha}", content=b"guess")
    assert wrong.status_code == 422
    half = insp.put(f"blobs/{face_sha}", content=b"x" * 10, headers={"Content-Range": f"bytes 0-9/{len(face)}"})
    assert half.status_code == 202
    assert reg.get(f"blobs/{face_sha}").content == face  # neither attempt touched the stored photo
    assert insp.get(f"blobs/{face_sha}").status_code == 404


def test_an_unreferenced_blob_is_readable_only_by_who_uploaded_it(clients):
    gis, gis2, admin, insp = clients["gis1"], clients["gis2"], clients["admin1"], clients["insp1"]
    data, sha = _photo("not yet attached")
    assert gis.put(f"blobs/{sha}", content=data).status_code == 201
    assert gis.head(f"blobs/{sha}").status_code == 200 and gis.get(f"blobs/{sha}").content == data
    for other in (gis2, admin, insp):  # the same role, the admin, another role: not until a feature references it
        assert other.head(f"blobs/{sha}").status_code == 404
        assert other.get(f"blobs/{sha}").status_code == 404
    # the other user who holds the same bytes proves it by sending them, and may read them from then on
    assert gis2.put(f"blobs/{sha}", content=data).status_code == 201
    assert gis2.get(f"blobs/{sha}").content == data
    # once a streetlight references it, every role that reads streetlights may read it
    lamp = dict(insert("streetlights", {"ref": f"KK-{uuid.uuid4().hex[:6]}", "status": "working"}), attachments=[sha])
    assert _statuses(push(gis, [lamp])) == ["applied"]
    assert insp.get(f"blobs/{sha}").content == data and admin.head(f"blobs/{sha}").status_code == 200


def test_person_erase_removes_the_residents_photos_and_keeps_a_photo_another_feature_references(server, store, clients):
    reg, insp = clients["reg1"], clients["insp1"]
    own, own_sha = _photo("only the resident")
    shared, shared_sha = _photo("the house front")
    for data, sha in ((own, own_sha), (shared, shared_sha)):
        assert reg.put(f"blobs/{sha}", content=data).status_code == 201
    hh = dict(insert("households", {"house_no": "9/9", "village_no": 4}), attachments=[shared_sha])
    person = dict(insert("residents", {"household_uuid": hh["uuid"], "care_colour": "red"}),
                  attachments=[own_sha, shared_sha])  # fmt: skip
    assert _statuses(push(reg, [hh, person])) == ["applied", "applied"]
    files = {sha: server.blobs / MUNI / sha[:2] / sha for sha in (own_sha, shared_sha)}
    assert all(f.exists() for f in files.values())
    done = subprocess.run(
        [str(CLI), "person", "erase", "--db", store, "--muni", MUNI, "--uuid", person["uuid"],
         "--blobs", str(server.blobs)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "1 photo(s) removed" in done.stdout
    assert reg.get(f"blobs/{own_sha}").status_code == 404 and reg.head(f"blobs/{own_sha}").status_code == 404
    assert not files[own_sha].exists()  # the bytes are gone from the disk
    assert not _rows(store, db.blobs, municipality_code=MUNI, sha256=own_sha)
    assert not _rows(store, db.blob_refs, municipality_code=MUNI, uuid=person["uuid"])
    assert not _rows(store, db.blob_uploads, municipality_code=MUNI, sha256=own_sha)
    # the house front is still the household's: kept, and readable by every role that reads households
    assert files[shared_sha].exists() and reg.get(f"blobs/{shared_sha}").content == shared
    assert insp.get(f"blobs/{shared_sha}").content == shared
    feed = [c for c in pull_all(reg)[0] if c["uuid"] == person["uuid"]]
    assert feed and all(not c["attachments"] for c in feed)  # the feed no longer names the photos
    if store.startswith("postgresql"):  # the bytes live in a folder the store does not know: it must be given
        no_folder = subprocess.run(
            [str(CLI), "person", "erase", "--db", store, "--muni", MUNI, "--uuid", person["uuid"]],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert no_folder.returncode == 2 and "--blobs" in no_folder.stderr
