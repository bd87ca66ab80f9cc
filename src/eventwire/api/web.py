"""The dashboard: its own files (web/static) and the browser libraries npm installed (web/node_modules).

Only the files listed in VENDOR are served from node_modules, under /vendor/: nothing comes from a CDN,
so the dashboard works with the network off, and no library code is copied into the repository.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

WEB = Path(__file__).resolve().parent.parent / "web"
STATIC = WEB / "static"
NODE_MODULES = WEB / "node_modules"
VENDOR = {
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
    "leaflet.markercluster.js": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
    "topojson-client.js": "topojson-client/dist/topojson-client.min.js",
    "d3.js": "d3/dist/d3.min.js",
    # Natural Earth 1:50m country shapes: the offline basemap
    "countries-50m.json": "world-atlas/countries-50m.json",
}


def mount_dashboard(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> FileResponse:
        if name not in VENDOR:
            raise HTTPException(404, f"no vendor file {name!r}")
        path = NODE_MODULES / VENDOR[name]
        if not path.is_file():
            raise HTTPException(404, f"{path} is missing: run `make install` (npm ci in {WEB})")
        # the files only change with package-lock.json; a day of caching keeps the dashboard snappy
        return FileResponse(path, headers={"Cache-Control": "public, max-age=86400"})
