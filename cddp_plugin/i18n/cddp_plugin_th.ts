<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>CddpPlugin</name>
    <message>
        <source>CDDP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CDDP Processing tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Processing plugin is not enabled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CddpProvider</name>
    <message>
        <source>CDDP (City Digital Data Platform)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreateWorkspaceAlgorithm</name>
    <message>
        <source>Create municipal workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creates one GeoPackage for a municipality with every CDDP layer (parcels, households, residents, villages, roads, road sections, inspections and distresses, streetlights and faults, complaints, work orders and their events), value lists in Thai, default styles and forms, a change log that records every edit for sync, and a QGIS project beside it.

MUNICIPALITY_CODE is the DOPA code of the amphoe/khet (4 digits) or tambon (6 digits) the municipality covers. The CRS must be projected in metres (default WGS 84 / UTM 47N; use UTM 48N, EPSG:32648, in the east). An existing file is never overwritten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace GeoPackage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Municipality DOPA code (4 or 6 digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Municipality name (default: the tambon/amphoe name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace CRS (projected, metres)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QGIS project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Municipality: {name} ({level} {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storing default styles and Thai forms…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created {path}: {layers} layers, schema {version}, CRS {crs}; project {project}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkspaceDock</name>
    <message>
        <source>Open CDDP workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a CDDP workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There was no project beside the workspace; created {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened the workspace of {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CDDP Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No CDDP workspace is open. Create one for your municipality or open an existing GeoPackage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DOPA code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsynced edits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new municipal workspace (GeoPackage and project)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an existing CDDP workspace GeoPackage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>The municipality&apos;s DOPA code is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not a DOPA code: expected 4 digits (amphoe/khet, e.g. 1007) or 6 digits (tambon, e.g. 330506).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DOPA code {code}: {province} is not a Thai province code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DOPA code {code} is not a known amphoe or tambon of {province}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GDAL&apos;s Python bindings (osgeo) are not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown coordinate reference system &apos;{crs}&apos;. Use e.g. EPSG:32647 (UTM 47N) or EPSG:32648 (UTM 48N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace CRS must be projected in metres (areas in rai, lengths in metres); &apos;{crs}&apos; is geographic. Use EPSG:32647 (UTM 47N) or EPSG:32648 (UTM 48N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace CRS must use metres; &apos;{crs}&apos; uses {unit}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace file must end in .gpkg: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is already a CDDP workspace ({name}, DOPA {code}, schema {version}). Open it instead; CDDP never overwrites a workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} already exists and is not a CDDP workspace. Choose a new file name; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write to the folder {folder} (permission denied).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GDAL could not add the value list {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GDAL could not create {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} appeared while the workspace was being built; nothing was overwritten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a CDDP workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to save the workspace (.gpkg).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} already exists; CDDP never overwrites a project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QGIS could not open layer {layer} of {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other / empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed range: {lo}–{hi}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not store the default style of {layer}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relation {id} is not valid: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the project {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
