"""lawtracker: an offline tracker of legal measures extracted from legal documents."""

__version__ = "0.1.0"
