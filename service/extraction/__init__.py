"""Quote extraction as a plain library: ``Extractor(model).extract(text)``."""
from .extractor import DEFAULT_MODEL, Extractor
from .model import Cue, Extraction, Mention, Quote, Speaker, SpeakerRef

__all__ = ["DEFAULT_MODEL", "Extractor", "Extraction", "Quote", "Cue", "Speaker", "SpeakerRef", "Mention"]
