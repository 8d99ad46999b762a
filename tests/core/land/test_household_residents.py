"""Residents of a set of households read from a real workspace GeoPackage (core.land.impact.
residents_of_households): counts for the inspector, names only on request and then in the PDPA log,
the file opened read-only."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3

import pytest

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.land import impact
from cddp_plugin.core.workspace import gpkg

TODAY = dt.date(2026, 12, 1)  # BE 2569


@pytest.fixture
def ws(core_workspace, tmp_path):
    """The workspace, moved to a folder whose name needs escaping in a URI, with three households."""
    folder = tmp_path / "เทศบาล #1 ?"
    folder.mkdir()
    path = folder / "ws.gpkg"
    shutil.copy(core_workspace.path, path)
    con = gpkg.connect(str(path))
    with con:
        con.executemany(
            "INSERT INTO households (uuid, house_no) VALUES (?, ?)", [("H1", "1"), ("H2", "2"), ("H3", "3")]
        )
        con.executemany(
            "INSERT INTO residents (household_uuid, full_name, birth_year_be, is_elderly, dependency, disability, "
            "has_caretaker) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [("H1", "นางสมศรี", 2480, None, "bedridden", None, 0),
             ("H1", "นายสมชาย", 2530, None, None, "visual", None),
             ("H2", "นายมานะ", 2520, None, "homebound", None, 1),
             ("H2", None, 2560, None, None, None, None)],
        )  # fmt: skip
    con.close()
    return str(path)


def log_rows(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT who, action, what FROM cddp_personal_data_log").fetchall()
    finally:
        con.close()


def test_counts_without_names_and_without_a_log(ws):
    found = impact.residents_of_households(ws, ["H1", "H2", "H3"], today=TODAY)
    assert found.households == 3 and found.names is None
    assert found.counts == {"residents": 4, "elderly": 1, "bedridden": 1, "homebound": 1, "disabled": 1,
                            "no_caretaker": 1}  # fmt: skip
    assert impact.residents_of_households(ws, ["H1"], today=TODAY).counts["residents"] == 2
    assert log_rows(ws) == []


def test_no_residents_recorded(ws):
    found = impact.residents_of_households(ws, ["H3"], with_names=True, who="somchai", action="inspector:x")
    assert (found.households, found.counts, found.names) == (1, None, None)
    assert impact.residents_of_households(ws, []).counts is None
    assert log_rows(ws) == []  # nothing personal was shown


def test_names_only_on_request_and_logged(ws):
    found = impact.residents_of_households(
        ws, ["H1", "H2"], with_names=True, who="somchai", action="inspector:view_residents", what={"parcel": "P1"}
    )
    assert found.names == ["นางสมศรี", "นายสมชาย", "นายมานะ"]
    [(who, action, what)] = log_rows(ws)
    assert (who, action) == ("somchai", "inspector:view_residents")
    assert list(json.loads(what).items()) == [("parcel", "P1"), ("households", 2), ("names", 3)]
    with pytest.raises(ValueError):
        impact.residents_of_households(ws, ["H1"], with_names=True)  # no one to log


def test_many_households_and_a_read_only_file(ws, tmp_path):
    uuids = [f"X{i}" for i in range(1200)] + ["H2"]  # more than one query's worth of parameters
    assert impact.residents_of_households(ws, uuids, today=TODAY).counts["residents"] == 2
    locked = sqlite3.connect(ws)  # a writer holding the lock does not stop a read-only reader
    locked.execute("BEGIN IMMEDIATE")
    try:
        assert impact.residents_of_households(ws, ["H1"], today=TODAY).counts["residents"] == 2
    finally:
        locked.rollback()
        locked.close()
    with pytest.raises(CddpError, match="does not exist"):
        impact.residents_of_households(str(tmp_path / "missing.gpkg"), ["H1"])  # read-only: never created
    assert not (tmp_path / "missing.gpkg").exists()
