"""Telegram bot for the General Staff's daily figures of Russian losses."""
