"""The consultants' own work in the window: annotations, user edits, history, conflicts, reports."""
