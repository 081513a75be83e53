"""CityDiplo: a multilingual benchmark for city-diplomacy event extraction."""

__version__ = "0.1.0"
DATASET_VERSION = "0.1.0"
