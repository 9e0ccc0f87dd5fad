"""The Click layer: parse options, call one use case, render its result. Nothing else."""
