"""dateline: dated news articles in, a time-resolved, source-linked database of events out."""

__version__ = "0.1.0"
