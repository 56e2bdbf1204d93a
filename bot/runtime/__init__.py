"""The runtime: one bot process's long-lived parts, built once, and its place among replicas."""

from bot.runtime.leadership import AlreadyRunning, Leadership, SoleProcess
from bot.runtime.runtime import Runtime

__all__ = ["AlreadyRunning", "Leadership", "Runtime", "SoleProcess"]
