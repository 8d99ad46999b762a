"""Who may read and write what: one table of grants per role, layer and field class.

PDPA (SYNC.md "Access and PDPA"): only ``registrar`` and ``admin`` read or write the restricted layer
(residents); every other role never receives a resident row, tombstone or conflict. ``viewer`` reads
but never receives personal fields (owner names, house numbers, complaint texts…) and writes nothing.
A field of class personal/sensitive is "personal data": every read of one is logged (access_log).
"""

from __future__ import annotations

from dataclasses import dataclass

from cddp_plugin.core.workspace import schema

ROLES = ("admin", "gis_editor", "inspector", "complaint_officer", "registrar", "viewer")

_ALL = frozenset(layer.name for layer in schema.LAYERS)
_RESTRICTED = frozenset(layer.name for layer in schema.LAYERS if layer.restricted)
_BASE = frozenset({"villages", "parcels", "roads", "road_sections", "streetlights"})
_INSPECTION = frozenset(
    {"road_inspections", "road_distresses", "streetlight_inspections", "streetlight_faults", "road_sections"}
)
_WORK = frozenset({"work_orders", "work_order_events"})


@dataclass(frozen=True)
class Grant:
    read: frozenset[str]  # layers the role reads
    write: frozenset[str]  # layers the role writes (insert, update, delete)
    personal: bool  # receives personal/sensitive fields of the layers it reads


# The one table of grants (role → layers read, layers written, personal fields).
GRANTS: dict[str, Grant] = {
    "admin": Grant(_ALL, _ALL, True),
    "registrar": Grant(_ALL, _RESTRICTED | {"households"}, True),
    "gis_editor": Grant(_ALL - _RESTRICTED, _BASE, True),
    "inspector": Grant(_ALL - _RESTRICTED, _INSPECTION | _WORK, True),
    "complaint_officer": Grant(_ALL - _RESTRICTED, {"complaints", "streetlight_faults"} | _WORK, True),
    "viewer": Grant(_ALL - _RESTRICTED, frozenset(), False),
}
assert set(GRANTS) == set(ROLES)
assert all(not (_RESTRICTED & g.read) for r, g in GRANTS.items() if r not in ("admin", "registrar"))


def personal_fields(layer: str) -> frozenset[str]:
    """The personal and sensitive fields of a layer (PDPA classes of the plugin's schema)."""
    return frozenset(
        f.name for f in schema.LAYERS_BY_NAME[layer].all_fields if f.cls in (schema.PERSONAL, schema.SENSITIVE)
    )


def can_read(role: str, layer: str) -> bool:
    return layer in GRANTS[role].read


def can_write(role: str, layer: str) -> bool:
    return layer in GRANTS[role].write


def hidden_fields(role: str, layer: str) -> frozenset[str]:
    """Fields of a readable layer that this role never receives."""
    return frozenset() if GRANTS[role].personal else personal_fields(layer)


def readable_layers(role: str) -> list[str]:
    return [layer.name for layer in schema.LAYERS if layer.name in GRANTS[role].read]


def permissions(role: str) -> dict[str, dict[str, object]]:
    """What the schema path tells a caller: per layer it may read, read/write and the fields it gets."""
    grant = GRANTS[role]
    out = {}
    for layer in schema.LAYERS:
        if layer.name not in grant.read:
            continue
        hidden = hidden_fields(role, layer.name)
        out[layer.name] = {
            "read": True,
            "write": layer.name in grant.write,
            "hidden_fields": sorted(hidden),
        }
    return out
