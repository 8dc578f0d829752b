"""The reusable widgets of the main window: detail, timeline, filter sidebar."""
