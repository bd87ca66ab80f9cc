"""Place names to GeoNames places, offline (tables in `geo/data/`)."""
from eventwire.geo.gazetteer import Gazetteer, PlaceMatch, distance_km

__all__ = ["Gazetteer", "PlaceMatch", "distance_km"]
