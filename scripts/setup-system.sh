#!/usr/bin/env bash
# Idempotent system set-up for CDDP for QGIS on Debian bookworm:
# QGIS 3.40 LTR from bookworm-backports, Thai fonts, Xvfb, Qt tools; PostgreSQL 15 + PostGIS 3 (bookworm's own
# packages) for the CDDP server's production store, which the tests start as a temporary cluster of their own.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

BACKPORTS_LIST=/etc/apt/sources.list.d/bookworm-backports.list
if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo "deb http://deb.debian.org/debian bookworm-backports main" | $SUDO tee "$BACKPORTS_LIST" >/dev/null
  NEED_UPDATE=1
fi

PKGS_BP="qgis python3-qgis qgis-providers qgis-plugin-grass-"
PKGS="python3-venv python3-pip python3-dev build-essential libgdal-dev libproj-dev libgeos-dev proj-bin \
      qttools5-dev-tools pyqt5-dev-tools fonts-thai-tlwg-ttf fonts-noto-core fonts-open-sans \
      xvfb xauth imagemagick poppler-utils sqlite3 zip unzip make gdal-bin \
      postgresql-15 postgresql-15-postgis-3"

missing=0
for p in qgis python3-qgis qgis-providers $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing=1
done
qgis_ok=0
if command -v qgis_process >/dev/null 2>&1; then
  v=$(dpkg-query -W -f='${Version}' qgis 2>/dev/null || true)
  case "$v" in 3.40*|3.4[1-9]*|3.[5-9]*) qgis_ok=1 ;; esac
fi

if [ "$missing" -eq 0 ] && [ "$qgis_ok" -eq 1 ]; then
  echo "system packages: already installed (QGIS $(dpkg-query -W -f='${Version}' qgis))"
  exit 0
fi

# The tests start their own PostgreSQL cluster (tests/server/pg.py) on a free loopback port: the Debian package
# need not create (and start) a "main" cluster as a service.
PG_NO_MAIN=/etc/postgresql-common/createcluster.d/cddp-no-main-cluster.conf
if [ ! -f "$PG_NO_MAIN" ] && ! dpkg-query -W -f='${Status}' postgresql-15 2>/dev/null | grep -q "install ok installed"; then
  $SUDO mkdir -p "$(dirname "$PG_NO_MAIN")"
  echo "create_main_cluster = false" | $SUDO tee "$PG_NO_MAIN" >/dev/null
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $PKGS
$SUDO apt-get install -y -qq -t bookworm-backports --no-install-recommends $PKGS_BP
echo "system packages: installed QGIS $(dpkg-query -W -f='${Version}' qgis)"
