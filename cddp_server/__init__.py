"""The reference CDDP API server (issue #13): FastAPI over SQLAlchemy Core, SQLite by default and
PostgreSQL in production. It imports the plugin core's schema (one schema) and is never shipped in the
plugin ZIP; the plugin never imports it (tests/test_layout.py)."""

__version__ = "0.1.0"
API_VERSION = "v1"
