"""Configuration and examples of the scheduled jobs; the logic lives in `publisher.runner`."""
