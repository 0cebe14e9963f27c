"""Validate Frictionless Data Packages and publish them to a CKAN portal.

The library never prints, exits or prompts: the CLI (`publisher.cli`) and the
scheduled jobs (`jobs/`) build a `Settings`, call the library and render.
"""

__version__ = "0.1.0"
USER_AGENT = f"mg-open-data-publisher/{__version__} (+https://github.com/mg-open-data/publisher)"
