"""Use cases: review, act, undo, explain, history. They return results and never print."""
