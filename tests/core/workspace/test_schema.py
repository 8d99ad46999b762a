from cddp_plugin.core.workspace import schema


def test_schema_is_consistent():
    schema.check_schema()


def test_every_layer_of_the_design_is_there():
    expected = {
        "parcels", "households", "residents", "villages", "roads", "road_sections", "road_inspections",
        "road_distresses", "streetlights", "streetlight_faults", "streetlight_inspections", "complaints", "work_orders", "work_order_events",
    }  # fmt: skip
    assert {layer.name for layer in schema.LAYERS} == expected


def test_every_table_is_sync_ready():
    for layer in schema.LAYERS:
        names = [f.name for f in layer.all_fields]
        assert names[:4] == ["uuid", "version", "updated_at", "updated_by"], layer.name
        assert layer.field("uuid").unique


def test_links_are_by_uuid_fields():
    for rel in schema.RELATIONS:
        assert rel.parent_field == "uuid"
        assert schema.LAYERS_BY_NAME[rel.child].field(rel.child_field).type == schema.TEXT


def test_pdpa_register_covers_every_field_and_keeps_sensitive_data_in_residents():
    register = schema.classification()
    assert len(register) == sum(len(layer.all_fields) for layer in schema.LAYERS)
    sensitive = schema.fields_of_class(schema.SENSITIVE)
    assert set(sensitive) == {"residents"}
    assert {"dependency", "disability", "care_colour"} <= set(sensitive["residents"])
    assert schema.LAYERS_BY_NAME["residents"].restricted
    personal = schema.fields_of_class(schema.PERSONAL)
    assert "owner_name" in personal["parcels"]
    assert "description" in personal["complaints"]  # citizens' free text


def test_value_lists_have_thai_labels():
    for domain in schema.DOMAINS.values():
        for code, th, en in domain.values:
            assert th and en and code is not None, domain.name
            assert any("\u0e00" <= ch <= "\u0e7f" for ch in th) or th.isascii(), (domain.name, th)
    assert len(schema.DOMAINS["distress_type"].values) == 19
    assert schema.DOMAINS["wo_status"].codes() == [
        "new", "triaged", "assigned", "in_progress", "on_hold", "completed", "verified", "closed", "cancelled", "duplicate",
    ]  # fmt: skip
