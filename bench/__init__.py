"""Benchmarks (not tests): numbers with their machine, beside plain SpiffWorkflow in the same run."""
