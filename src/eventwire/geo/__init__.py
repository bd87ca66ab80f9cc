"""Place names to GeoNames places, offline: a SQLite gazetteer built from PyPI data and our tables in
`geo/data/` (see `settings` for where it lives)."""
from eventwire.geo.gazetteer import Gazetteer, PlaceMatch, distance_km

__all__ = ["Gazetteer", "PlaceMatch", "distance_km"]
