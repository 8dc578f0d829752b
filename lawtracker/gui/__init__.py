"""The Qt user interface: the only package (with ``app``) that imports PySide6."""
