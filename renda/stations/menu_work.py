"""Menu entries, imported by StationsConfig.ready()."""
