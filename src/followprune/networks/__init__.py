"""Networks: where follow lists come from and where actions go. Each speaks the models."""
