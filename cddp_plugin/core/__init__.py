"""QGIS-free core of CDDP for QGIS: domain model, workspace schema, validation.

Nothing in this package may import ``qgis`` or Qt (tests/test_core_isolation.py checks it), so
everything here runs and is tested with plain Python.
"""
