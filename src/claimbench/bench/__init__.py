"""Measurements that print figures (run, don't test: timings vary): scorer speed, extractor throughput, the headline-metric evidence."""
