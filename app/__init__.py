"""The domain core of Koers: records, rules and services, without Qt."""

__version__ = "0.1.0"
