"""Thai for reports and charts (core/reports)."""

TH: dict[str, str] = {}
