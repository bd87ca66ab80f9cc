"""The actor dictionary: countries, seats of government, organisations, PLOVER sectors and leaders."""
from .dictionary import ActorDictionary, ActorMatch

__all__ = ["ActorDictionary", "ActorMatch"]
