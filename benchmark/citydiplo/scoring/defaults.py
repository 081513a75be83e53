"""The scoring defaults, in one place and free of heavy imports (the CLI reads them for its
option defaults): bootstrap resamples, the fewest that make an interval, the seed."""

DEFAULT_SAMPLES = 1000
MIN_SAMPLES = 100
DEFAULT_SEED = 12345
