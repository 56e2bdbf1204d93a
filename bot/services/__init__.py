"""Use cases: what the command line, the handlers and the jobs call. Each owns its transaction."""
