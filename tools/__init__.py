"""Project scripts; a package so Jupyter config can name tools.offline_export."""
