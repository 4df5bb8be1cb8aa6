"""Stages (collect, merge, process) and the executors that run them."""
