"""The package version and the version of the data it carries (one place for both)."""

__version__ = "0.3.0"
DATASET_VERSION = "0.3.0"
