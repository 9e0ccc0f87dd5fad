"""Everything that turns results into text: Rich tables, prompts, JSON / CSV / reports."""
