"""CityDiplo: a multilingual benchmark for city-diplomacy event extraction."""

from citydiplo.version import DATASET_VERSION, __version__

__all__ = ["DATASET_VERSION", "__version__"]
