"""Background workers: the huey queue, the consumer with its sweeper, and the job runner."""
