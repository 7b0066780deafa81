"""Menu entries, imported by PerformanceConfig.ready()."""
