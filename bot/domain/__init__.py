"""Pure logic about the figures: no I/O, no Telegram, no HTTP, no SQL (checked by a test)."""
